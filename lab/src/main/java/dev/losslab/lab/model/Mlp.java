package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.Random;

/**
 * A multilayer perceptron (Linear → tanh → … → Linear) with seeded weights drawn in Java, so a
 * run is reproducible bit for bit from its seed, independent of the engine's random state.
 */
public final class Mlp {
    private Mlp() {}

    /** Draws one weight of a linear layer. */
    @FunctionalInterface
    public interface WeightInit {
        /**
         * @param layer 0-based index of the linear layer
         * @param last whether it is the output layer
         */
        double draw(Random rng, int layer, long fanIn, long fanOut, boolean last);

        /** N(0, std²) with a per-layer standard deviation. */
        static WeightInit normal(StdRule std) {
            return (rng, layer, fanIn, fanOut, last) -> rng.nextGaussian() * std.std(layer, fanIn, fanOut, last);
        }
    }

    /** A per-layer standard deviation. */
    @FunctionalInterface
    public interface StdRule {
        double std(int layer, long fanIn, long fanOut, boolean last);
    }

    /** Weight initialisations named in the paper specs; biases start at zero. */
    public enum Init implements WeightInit {
        /** N(0, 1/fan_in) (LeCun normal; spec 04). */
        LECUN_NORMAL,
        /** N(0, 2/(fan_in + fan_out)) (Glorot/Xavier normal; spec 09). */
        GLOROT_NORMAL,
        /** U(−1/√fan_in, 1/√fan_in) (PyTorch's default bound; spec 44). */
        UNIFORM_FAN_IN,
        /** N(0, 2/fan_in) (He normal, for ReLU; spec 13). */
        HE_NORMAL;

        @Override
        public double draw(Random rng, int layer, long fanIn, long fanOut, boolean last) {
            switch (this) {
                case LECUN_NORMAL:
                    return rng.nextGaussian() * Math.sqrt(1.0 / fanIn);
                case GLOROT_NORMAL:
                    return rng.nextGaussian() * Math.sqrt(2.0 / (fanIn + fanOut));
                case HE_NORMAL:
                    return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
                default:
                    return (rng.nextDouble() * 2 - 1) / Math.sqrt(fanIn);
            }
        }
    }

    /**
     * Builds and initialises an MLP on {@code manager}.
     *
     * @param inputDim number of features D
     * @param hidden widths of the tanh hidden layers (may be empty: a linear model)
     * @param outputs number of logits C
     */
    public static SequentialBlock create(NDManager manager, int inputDim, int[] hidden, int outputs, WeightInit init, long seed) {
        return create(manager, inputDim, hidden, outputs, init, seed, Activation::tanh, true);
    }

    /**
     * As {@link #create(NDManager, int, int[], int, WeightInit, long)} with a chosen hidden
     * activation and optionally no biases.
     */
    public static SequentialBlock create(NDManager manager, int inputDim, int[] hidden, int outputs, WeightInit init, long seed,
            java.util.function.Function<NDList, NDList> activation, boolean bias) {
        return build(manager, inputDim, hidden, Linear.builder().setUnits(outputs).optBias(bias).build(), init, seed, activation, bias);
    }

    /**
     * The tanh MLP of {@link #create(NDManager, int, int[], int, WeightInit, long)}, with the same
     * values from the same seed, whose output layer is a {@link FusedOutputLinear}: in training the
     * model returns its last hidden layer (the features for a linear model) for
     * {@code fused-linear-cross-entropy}, in inference its logits.
     */
    public static SequentialBlock fusedOutput(NDManager manager, int inputDim, int[] hidden, int outputs, WeightInit init, long seed) {
        return build(manager, inputDim, hidden, new FusedOutputLinear(outputs), init, seed, Activation::tanh, true);
    }

    private static SequentialBlock build(NDManager manager, int inputDim, int[] hidden, ai.djl.nn.Block output, WeightInit init, long seed,
            java.util.function.Function<NDList, NDList> activation, boolean bias) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).optBias(bias).build()).add(activation);
        }
        block.add(output);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        Random rng = new Random(seed);
        int layer = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            float[] values = new float[(int) s.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) init.draw(rng, layer, s.get(1), s.get(0), layer == hidden.length);
                }
                layer++;
            }
            ParameterValues.assign(a, values);
        }
        return block;
    }
}
