package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.optim.OptimizerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registered {@code adam} and {@code adamw} follow DJL's fused update, hand-computed here:
 * eps is added to √v before the bias correction lr·√(1−β₂ᵗ)/(1−β₁ᵗ), where torch.optim adds it to
 * √v̂ after; the two differ visibly only for a large eps, as asserted below.
 */
class DjlAdamTest {
    private static final double LR = 0.1;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 0.1;
    private static final double[] GRADS = {1.0, -0.5, 2.0};

    /** The hand-computed weights after each update; torchForm puts eps after the bias correction. */
    private static double[] expected(double weightDecay, boolean decoupled, boolean torchForm) {
        double w = 1;
        double m = 0;
        double v = 0;
        double[] out = new double[GRADS.length];
        for (int t = 1; t <= GRADS.length; t++) {
            double g = GRADS[t - 1];
            if (decoupled) {
                w -= LR * weightDecay * w;
            } else {
                g += weightDecay * w;
            }
            m = B1 * m + (1 - B1) * g;
            v = B2 * v + (1 - B2) * g * g;
            double c1 = 1 - Math.pow(B1, t);
            double c2 = 1 - Math.pow(B2, t);
            w -= torchForm ? LR * (m / c1) / (Math.sqrt(v / c2) + EPS) : LR * Math.sqrt(c2) / c1 * m / (Math.sqrt(v) + EPS);
            out[t - 1] = w;
        }
        return out;
    }

    private static double[] run(String name, Map<String, ?> params) {
        Optimizer opt = OptimizerFactory.of(name, params).create(Tracker.fixed((float) LR));
        double[] out = new double[GRADS.length];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1});
            for (int t = 0; t < GRADS.length; t++) {
                opt.update("w", w, m.create(new float[] {(float) GRADS[t]}));
                out[t] = w.getFloat();
            }
        }
        return out;
    }

    @Test
    void adamwMatchesDjlsFusedUpdate() {
        double[] got = run("adamw", Map.of("eps", EPS, "weight_decay", 0.05));
        double[] want = expected(0.05, true, false);
        for (int t = 0; t < GRADS.length; t++) {
            assertEquals(want[t], got[t], 1e-6, "update " + (t + 1));
        }
        assertTrue(Math.abs(expected(0.05, true, true)[2] - got[2]) > 1e-3, "eps placement differs from torch.optim.AdamW");
    }

    @Test
    void adamMatchesDjlsFusedUpdate() {
        double[] got = run("adam", Map.of("eps", EPS));
        double[] want = expected(0, false, false);
        for (int t = 0; t < GRADS.length; t++) {
            assertEquals(want[t], got[t], 1e-6, "update " + (t + 1));
        }
    }
}
