package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.schedule.StepDecay;
import org.junit.jupiter.api.Test;

class MomentumSgdTest {

    /** Hand-computed PyTorch-form updates, including a learning-rate drop after update 2. */
    @Test
    void matchesPyTorchFormAcrossALearningRateDrop() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {1});
            MomentumSgd sgd = MomentumSgd.builder().setLearningRateTracker(new StepDecay(1f, 0.1f, 2))
                    .optMomentum(0.5f).optWeightDecays(0.1f).build();
            double wRef = 1;
            double v = 0;
            for (int t = 1; t <= 4; t++) {
                double lr = t > 2 ? 0.1 : 1;
                double g = 1 + 0.1 * wRef;
                v = 0.5 * v + g;
                wRef -= lr * v;
                NDArray grad = m.create(new double[] {1});
                sgd.update("w", w, grad);
                assertEquals(wRef, w.getDouble(), 1e-6, "update " + t);
                assertEquals(0, grad.getDouble(), "gradient zeroed after the update");
            }
        }
    }
}
