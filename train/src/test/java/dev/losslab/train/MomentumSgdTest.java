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

    /**
     * On a float32 matrix, with weight decay, with and without Nesterov, ten updates equal the
     * formula written with fresh products (g + wd·w, μ·v, lr·v) bit for bit: the reused product
     * buffer changes no rounding.
     */
    @Test
    void theReusedProductBufferGivesTheFormulasBits() {
        for (boolean nesterov : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                m.getEngine().setRandomSeed(3);
                NDArray w = m.randomNormal(new ai.djl.ndarray.types.Shape(37, 11));
                NDArray wRef = w.duplicate();
                NDArray v = w.zerosLike();
                MomentumSgd sgd = new MomentumSgd(ai.djl.training.tracker.Tracker.fixed(0.03f), 0.9, 0.01, nesterov);
                NDArray lr = m.create(0.03f);
                NDArray mu = m.create(0.9f);
                NDArray wd = m.create(0.01f);
                for (int t = 1; t <= 10; t++) {
                    NDArray grad = m.randomNormal(w.getShape());
                    NDArray g = grad.add(wRef.mul(wd));
                    v = v.mul(mu).add(g);
                    NDArray step = nesterov ? g.add(v.mul(mu)) : v;
                    wRef = wRef.sub(step.mul(lr));
                    sgd.update("w", w, grad.duplicate());
                    org.junit.jupiter.api.Assertions.assertArrayEquals(wRef.toFloatArray(), w.toFloatArray(), "update " + t + ", nesterov " + nesterov);
                }
            }
        }
    }
}
