package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.optim.MomentumSgd;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The NLM-direction cosine of paper 44 and the training loop's gradient hook. */
class NlmAlignmentTest {

    /** A bias-free linear softmax model 2 → 2 with weights W (rows = outputs). */
    private static SequentialBlock linear(NDManager m, float[] w) {
        SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(2).optBias(false).build());
        b.initialize(m, DataType.FLOAT32, new Shape(1, 2));
        b.getParameters().valueAt(0).getArray().set(w);
        return b;
    }

    /** Cosine seen by the hook at the first step on one sample (x, y). */
    private static double firstStepCosine(float[] w, float[] x, int y) {
        try (NDManager m = NDManager.newBaseManager()) {
            List<Double> seen = new ArrayList<>();
            Training t = new Training(linear(m, w), new CrossEntropy(), MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.1f)).build(), m)
                    .onGradients((epoch, params) -> seen.add(NlmAlignment.cosine(params)));
            t.step(0, new TabularData(new float[][] {x}, new int[] {y}, 2), new int[] {0}, StepListener.NONE);
            assertEquals(1, seen.size());
            return seen.get(0);
        }
    }

    /**
     * Hand-computed: W = diag(1, 1), x = (1, 2), y = 0 gives ∇W = outer(p − e_0, x) with
     * p − e_0 = (−c, c), so −∇W = [[c, 2c], [−c, −2c]], W·(−∇W) = −c, ‖W‖ = √2, ‖∇W‖ = c·√10 and
     * the cosine is −1/√20. Scaling-only cases:
     * W = [[1, 0], [−1, 0]], x = (1, 0) is classified correctly for y = 0 (cos = 1: the loss falls by
     * growing W) and wrongly for y = 1 (cos = −1).
     */
    @Test
    void handComputedCosines() {
        assertEquals(-1 / Math.sqrt(20), firstStepCosine(new float[] {1, 0, 0, 1}, new float[] {1, 2}, 0), 1e-6);
        assertEquals(1, firstStepCosine(new float[] {1, 0, -1, 0}, new float[] {1, 0}, 0), 1e-6);
        assertEquals(-1, firstStepCosine(new float[] {1, 0, -1, 0}, new float[] {1, 0}, 1), 1e-6);
    }

    /**
     * Separable data and plain gradient descent on cross-entropy: once every sample is fitted the
     * loss keeps falling only by scaling the weights, so the cosine approaches 1.
     */
    @Test
    void separableTrainingDriftsIntoTheNlmDirection() {
        TabularData data = TrainingTest.blobs(60, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(3).optBias(false).build());
            m.getEngine().setRandomSeed(3);
            b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            double[] last = new double[1];
            Training t = new Training(b, new CrossEntropy(), MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.5f)).build(), m)
                    .onGradients((epoch, params) -> last[0] = NlmAlignment.cosine(params));
            int[] all = IntStream.range(0, data.size()).toArray();
            t.step(0, data, all, StepListener.NONE);
            double start = last[0];
            for (int i = 0; i < 2000; i++) {
                t.step(0, data, all, StepListener.NONE);
            }
            assertTrue(last[0] > 0.9 && last[0] > start, "cosine " + start + " → " + last[0]);
        }
    }

    @Test
    void measuringDoesNotGrowLiveArrays() {
        TabularData data = TrainingTest.blobs(32, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            Training t = new Training(TrainingTest.mlp(m), new CrossEntropy(),
                    MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(0.1f)).build(), m)
                    .onGradients((epoch, params) -> NlmAlignment.cosine(params));
            int[] ids = IntStream.range(0, 32).toArray();
            t.step(0, data, ids, StepListener.NONE);
            int before = ((BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 300; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            assertEquals(before, ((BaseNDManager) m).getManagedArrays().size(), "live arrays");
        }
    }
}
