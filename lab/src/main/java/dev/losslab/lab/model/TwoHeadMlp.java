package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.List;
import java.util.Random;

/**
 * An MLP with a main head and an auxiliary head on the same hidden feature (USKD's weak classifier,
 * paper 37; DHKD's auxiliary head, paper 01; MaKD's aspect outputs, paper 11): x → Linear → ReLU (one
 * hidden layer of width H) → (main Linear, auxiliary Linear), returning both logit arrays in that order. Weights He normal drawn in Java from
 * the seed, biases 0.
 */
public final class TwoHeadMlp {
    private TwoHeadMlp() {}

    public static SequentialBlock create(NDManager manager, int inputDim, int hidden, int classes, long seed) {
        return create(manager, inputDim, hidden, classes, classes, seed);
    }

    /** As {@link #create(NDManager, int, int, int, long)} with an auxiliary head of {@code auxOutputs} outputs (MaKD's aspects). */
    public static SequentialBlock create(NDManager manager, int inputDim, int hidden, int classes, int auxOutputs, long seed) {
        ParallelBlock heads = new ParallelBlock(outs -> new NDList(outs.get(0).singletonOrThrow(), outs.get(1).singletonOrThrow()),
                List.of(Linear.builder().setUnits(classes).build(), Linear.builder().setUnits(auxOutputs).build()));
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation::relu).add(heads);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        Random rng = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            float[] values = new float[(int) s.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextGaussian() * Math.sqrt(2.0 / s.get(1)));
                }
            }
            ParameterValues.assign(a, values);
        }
        return block;
    }
}
