package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.optim.PerpGrad;
import org.junit.jupiter.api.Test;

/** Spec 44 worked example 3. */
class PerpGradTest {

    @Test
    void projectionAndRescalingGolden() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[][] {{1, 2}, {0, -1}});
            NDArray g = m.create(new double[][] {{0.5, 1}, {0.3, 0}});
            MomentumSgd sgd = MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(1f)).build();
            double[] plain = new PerpGrad(sgd, false).orthogonal(w, g).toDoubleArray();
            assertArrayEquals(new double[] {0.08333333, 0.16666667, 0.3, 0.41666667}, plain, 1e-8);
            assertEquals(0, 1 * plain[0] + 2 * plain[1] - plain[3], 1e-12, "w·g_⊥ = 0");
            double[] rescaled = new PerpGrad(sgd, true).orthogonal(w, g).toDoubleArray();
            assertArrayEquals(new double[] {0.17661202, 0.35322404, 0.63580328, 0.88306011}, rescaled, 1e-8);
            new PerpGrad(sgd, true).update("w", w, g);
            assertArrayEquals(new double[] {1 - 0.17661202, 2 - 0.35322404, -0.63580328, -1 - 0.88306011}, w.toDoubleArray(), 1e-6);
            assertArrayEquals(new double[] {0, 0, 0, 0}, g.toDoubleArray(), "gradient zeroed");
        }
    }
}
