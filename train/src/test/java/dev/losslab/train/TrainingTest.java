package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.classification.robust.LdrKl;
import dev.losslab.core.classification.robust.ScoreNormalization;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.optim.MomentumSgd;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingTest {

    /** Two Gaussian blobs per class in 4-D, 3 classes. */
    static TabularData blobs(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int d = 0; d < 4; d++) {
                x[i][d] = (float) (r.nextGaussian() * 0.5 + (d == y[i] ? 2 : 0));
            }
        }
        return new TabularData(x, y, 3);
    }

    static SequentialBlock mlp(NDManager m) {
        SequentialBlock b = new SequentialBlock()
                .add(Linear.builder().setUnits(16).build()).add(Activation::tanh)
                .add(Linear.builder().setUnits(3).build());
        m.getEngine().setRandomSeed(7);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
        return b;
    }

    private static Training training(NDManager m) {
        return new Training(mlp(m), new CrossEntropy(),
                MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.1f)).optMomentum(0.9f).build(), m);
    }

    @Test
    void learnsSeparableBlobsAndSeesPerSampleLosses() {
        TabularData data = blobs(300, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Training t = training(m);
            int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
            int[] seen = new int[data.size()];
            for (int e = 0; e < 10; e++) {
                t.epoch(e, data, order, 32, (epoch, ids, per, loss) -> {
                    assertEquals(ids.length, per.length);
                    for (int id : ids) {
                        seen[id]++;
                    }
                });
            }
            assertTrue(t.accuracy(data) > 0.95, "accuracy " + t.accuracy(data));
            assertTrue(java.util.Arrays.stream(seen).allMatch(c -> c == 10));
        }
    }

    @Test
    void sameSeedSameResult() {
        TabularData data = blobs(90, 2);
        float[][][] out = new float[2][][];
        for (int run = 0; run < 2; run++) {
            try (NDManager m = NDManager.newBaseManager()) {
                Training t = training(m);
                t.epoch(0, data, java.util.stream.IntStream.range(0, 90).toArray(), 16, StepListener.NONE);
                out[run] = t.outputs(data.x());
            }
        }
        for (int i = 0; i < out[0].length; i++) {
            assertArrayEquals(out[0][i], out[1][i]);
        }
    }

    /** A fed parameter (l2-svm's output weights) and gradient clipping leave no arrays behind either. */
    @Test
    void feedingAParameterAndClippingDoNotLeak() {
        TabularData data = blobs(64, 4);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = mlp(m);
            ai.djl.nn.ParameterList params = block.getParameters();
            Training t = new Training(block, new dev.losslab.core.classification.margin.L2Svm(0.5),
                    MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.05f)).build(), m)
                    .feed(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(params.valueAt(params.size() - 2)))
                    .clipGradNorm(0.1);
            int[] ids = java.util.stream.IntStream.range(0, 32).toArray();
            for (int i = 0; i < 20; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            int before = ((BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 1000; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            assertEquals(before, ((BaseNDManager) m).getManagedArrays().size());
            assertTrue(t.accuracy(data) > 0.9, "accuracy " + t.accuracy(data));
        }
    }

    /** Clipping bounds the global gradient norm: with max norm c and lr η, parameters move by at most η·c per step. */
    @Test
    void clippingBoundsTheStep() {
        TabularData data = blobs(64, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock block = mlp(m);
            Training t = new Training(block, new CrossEntropy(), MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(1f)).build(), m)
                    .clipGradNorm(1e-3);
            double[] before = flatten(block);
            t.step(0, data, java.util.stream.IntStream.range(0, 64).toArray(), StepListener.NONE);
            double[] after = flatten(block);
            double sq = 0;
            for (int i = 0; i < before.length; i++) {
                sq += (after[i] - before[i]) * (after[i] - before[i]);
            }
            assertTrue(Math.sqrt(sq) <= 1e-3 * (1 + 1e-4), "step norm " + Math.sqrt(sq));
            assertTrue(Math.sqrt(sq) > 0.9e-3, "the unclipped gradient is larger than 1e-3, so the step has norm 1e-3");
        }
    }

    private static double[] flatten(SequentialBlock block) {
        java.util.List<Double> v = new java.util.ArrayList<>();
        for (var p : block.getParameters()) {
            for (float f : p.getValue().getArray().toFloatArray()) {
                v.add((double) f);
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** 10,000 steps leave the number of live arrays unchanged (no native memory growth). */
    @Test
    void tenThousandStepsDoNotGrowLiveArrays() {
        TabularData data = blobs(64, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Training t = new Training(mlp(m), new LdrKl(10, 0.1, ScoreNormalization.SOFTPLUS_MEAN),
                    MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.05f)).optMomentum(0.9f).optWeightDecays(5e-3f).build(), m);
            int[] ids = java.util.stream.IntStream.range(0, 32).toArray();
            for (int i = 0; i < 50; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            int before = ((BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 10_000; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            t.outputs(data.x());
            int after = ((BaseNDManager) m).getManagedArrays().size();
            assertEquals(before, after, "live arrays before/after 10,000 steps");
        }
    }

    /** feedIfRead hands the output weights to l2-svm (its ½‖W‖² term appears) and ignores losses that do not read them. */
    @Test
    void feedIfReadFeedsOnlyDeclaredInputs() {
        TabularData data = blobs(32, 4);
        int[] ids = java.util.stream.IntStream.range(0, 32).toArray();
        float[] losses = new float[4];
        dev.losslab.core.Objective[] objectives = {new dev.losslab.core.classification.margin.L2Svm(0.5), new CrossEntropy()};
        for (int o = 0; o < 2; o++) {
            for (int fed = 0; fed < 2; fed++) {
                try (NDManager m = NDManager.newBaseManager()) {
                    SequentialBlock b = mlp(m);
                    Training t = new Training(b, objectives[o], MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.1f)).build(), m);
                    if (fed == 1) {
                        t.feedIfRead(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(b.getParameters().valueAt(2)));
                    }
                    losses[2 * o + fed] = t.step(0, data, ids, StepListener.NONE);
                }
            }
        }
        assertTrue(losses[1] > losses[0], "l2-svm with its weights fed: " + losses[1] + " vs " + losses[0]);
        assertEquals(losses[2], losses[3], "cross-entropy does not read output_weights");
    }
}
