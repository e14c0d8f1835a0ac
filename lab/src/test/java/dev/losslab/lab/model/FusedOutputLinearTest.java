package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.softmax.FusedLinearCrossEntropy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose output layer is a {@link FusedOutputLinear}, trained with
 * {@code fused-linear-cross-entropy}, follows the same path as the plain model trained with
 * {@code cross-entropy} (float64, DJL's SGD in a hand-written DJL loop); it starts from the same
 * values as the plain MLP from the same seed and saves as it.
 */
class FusedOutputLinearTest {
    static final int FEATURES = 4;
    static final int CLASSES = 7;

    private static SequentialBlock model(Block output) {
        return new SequentialBlock().add(Linear.builder().setUnits(6).build()).add(Activation::tanh).add(output);
    }

    /** 20 SGD steps (η = 0.5) in float64: per-step losses and final parameters agree to 1e-9 relative. */
    @Test
    void trainsAsTheMaterialisedLayerInADjlLoop() {
        Random r = new Random(5);
        double[][] x = new double[12][FEATURES];
        int[] y = new int[12];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = r.nextInt(CLASSES);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock plain = model(Linear.builder().setUnits(CLASSES).build());
            FusedOutputLinear head = new FusedOutputLinear(CLASSES);
            SequentialBlock fused = model(head);
            plain.initialize(m, DataType.FLOAT64, new Shape(1, FEATURES));
            fused.initialize(m, DataType.FLOAT64, new Shape(1, FEATURES));
            List<Parameter> a = plain.getParameters().values();
            List<Parameter> b = fused.getParameters().values();
            for (int k = 0; k < a.size(); k++) {
                b.get(k).getArray().set(a.get(k).getArray().toDoubleArray());
            }
            NDArray features = m.create(x);
            NDArray labels = m.create(y).toType(DataType.INT64, false);
            FusedLinearCrossEntropy fusedLoss = new FusedLinearCrossEntropy(3);
            for (int step = 0; step < 20; step++) {
                double plainLoss = step(plain, m, features, out -> new CrossEntropy().mean(Inputs.of(Map.of(InputNames.LOGITS, out, InputNames.LABELS, labels))));
                double fusedValue = step(fused, m, features, out -> fusedLoss.mean(Inputs.of(Map.of(InputNames.EMBEDDINGS, out,
                        InputNames.OUTPUT_WEIGHTS, head.weight().getArray(), InputNames.OUTPUT_BIAS, head.bias().getArray(), InputNames.LABELS, labels))));
                assertEquals(plainLoss, fusedValue, 1e-9 * plainLoss, "loss at step " + step);
            }
            for (int k = 0; k < a.size(); k++) {
                double[] expected = a.get(k).getArray().toDoubleArray();
                double[] got = b.get(k).getArray().toDoubleArray();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], got[i], 1e-9 * Math.max(1, Math.abs(expected[i])), a.get(k).getName() + "[" + i + "]");
                }
            }
        }
    }

    /** One forward (training mode), backward and SGD update of every parameter; the loss before the update. */
    private static double step(SequentialBlock block, NDManager m, NDArray x, java.util.function.Function<NDArray, NDArray> loss) {
        Optimizer sgd = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build();
        ParameterStore store = new ParameterStore(m, false);
        double value;
        try (NDManager scope = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = block.forward(store, new NDList(x), true).singletonOrThrow();
                NDArray l = loss.apply(out);
                value = l.getDouble();
                gc.backward(l);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                NDArray g = w.getGradient();
                sgd.update(p.getValue().getId(), w, g);
                g.subi(g);
                scope.tempAttachAll(g);
            }
        }
        return value;
    }

    /** From the same seed, the fused MLP's inference logits are the plain MLP's; saved, it loads as the plain MLP. */
    @Test
    void startsAndSavesAsThePlainMlp(@TempDir Path dir) throws Exception {
        float[][] x = {{0.1f, -0.4f, 0.7f, 2f}, {1.2f, 0.3f, -0.5f, 0f}};
        try (Model plain = Model.newInstance("plain"); Model fused = Model.newInstance("fused"); Model loaded = Model.newInstance("loaded");
                NDManager scratch = NDManager.newBaseManager()) {
            plain.setBlock(Mlp.create(plain.getNDManager(), FEATURES, new int[] {5}, CLASSES, Mlp.Init.GLOROT_NORMAL, 3));
            fused.setBlock(Mlp.fusedOutput(fused.getNDManager(), FEATURES, new int[] {5}, CLASSES, Mlp.Init.GLOROT_NORMAL, 3));
            float[] expected = logits(plain, scratch, x);
            assertArrayEquals(expected, logits(fused, scratch, x), 0f);
            float[] embeddings = fused.getBlock().forward(new ParameterStore(scratch, false), new NDList(scratch.create(x)), true).singletonOrThrow().toFloatArray();
            assertEquals(2 * 5, embeddings.length, "in training the model returns the last hidden layer");
            fused.save(dir, "model");
            loaded.setBlock(Mlp.create(loaded.getNDManager(), FEATURES, new int[] {5}, CLASSES, Mlp.Init.GLOROT_NORMAL, 99));
            loaded.load(dir, "model");
            assertArrayEquals(expected, logits(loaded, scratch, x), 0f);
        }
    }

    private static float[] logits(Model model, NDManager scratch, float[][] x) {
        return model.getBlock().forward(new ParameterStore(scratch, false), new NDList(scratch.create(x)), false).singletonOrThrow().toFloatArray();
    }
}
