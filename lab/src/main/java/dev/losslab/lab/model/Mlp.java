package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
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

    /** Weight initialisations named in the paper specs; biases start at zero. */
    public enum Init {
        /** N(0, 1/fan_in) (LeCun normal; spec 04). */
        LECUN_NORMAL,
        /** N(0, 2/(fan_in + fan_out)) (Glorot/Xavier normal; spec 09). */
        GLOROT_NORMAL
    }

    /**
     * Builds and initialises an MLP on {@code manager}.
     *
     * @param inputDim number of features D
     * @param hidden widths of the tanh hidden layers (may be empty: a linear model)
     * @param outputs number of logits C
     */
    public static SequentialBlock create(NDManager manager, int inputDim, int[] hidden, int outputs, Init init, long seed) {
        SequentialBlock block = new SequentialBlock();
        for (int h : hidden) {
            block.add(Linear.builder().setUnits(h).build()).add(Activation::tanh);
        }
        block.add(Linear.builder().setUnits(outputs).build());
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        Random rng = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            float[] values = new float[(int) s.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                long fanOut = s.get(0);
                long fanIn = s.get(1);
                double std = init == Init.LECUN_NORMAL ? Math.sqrt(1.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextGaussian() * std);
                }
            }
            a.set(values);
        }
        return block;
    }
}
