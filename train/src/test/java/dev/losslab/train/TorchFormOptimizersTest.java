package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.optim.Adagrad;
import dev.losslab.train.optim.Lion;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.optim.RmsProp;
import dev.losslab.train.schedule.StepDecay;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against a float64 transcription of its reference (torch.optim 2.7's single-tensor
 * RMSprop, Adagrad and SGD(nesterov); lion-pytorch's Lion) over six updates with changing gradients
 * and a learning-rate drop after update 3, to 1e-9; the gradient is zeroed after each update; the
 * registry builds them by name; updates leave no arrays behind.
 */
class TorchFormOptimizersTest {
    static final double[][] GRADS = {{0.5, -1.2, 0.0}, {0.3, -0.8, 2.0}, {-0.1, 0.4, 1.5}, {0.7, 0.0, -0.3}, {-1.0, 0.2, 0.9}, {0.05, -0.05, 0.6}};
    static final double[] W0 = {1.0, -0.5, 0.25};

    static double lr(int t) {
        return t > 3 ? 0.01 : 0.1;
    }

    /** Runs the optimizer on float64 weights for the six gradients; returns the weights after each update. */
    static double[][] run(Optimizer o) {
        double[][] out = new double[GRADS.length][];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(W0.clone());
            for (int t = 0; t < GRADS.length; t++) {
                NDArray g = m.create(GRADS[t].clone());
                o.update("w", w, g);
                for (double v : g.toDoubleArray()) {
                    assertEquals(0, v, 0, "gradient zeroed");
                }
                out[t] = w.toDoubleArray();
            }
        }
        return out;
    }

    static void assertMatches(double[][] expected, double[][] actual) {
        for (int t = 0; t < expected.length; t++) {
            for (int i = 0; i < expected[t].length; i++) {
                assertEquals(expected[t][i], actual[t][i], 1e-9 * Math.max(1, Math.abs(expected[t][i])), "update " + (t + 1) + ", entry " + i);
            }
        }
    }

    static final Tracker SCHEDULE = new StepDecay(0.1f, 0.1f, 3);

    @Test
    void rmspropMatchesTorch() {
        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0, 0.9}) {
                double alpha = 0.9;
                double eps = 1e-3;
                double wd = 0.05;
                double[] w = W0.clone();
                double[] v = new double[3];
                double[] mean = new double[3];
                double[] buf = new double[3];
                double[][] expected = new double[GRADS.length][];
                for (int t = 1; t <= GRADS.length; t++) {
                    for (int i = 0; i < 3; i++) {
                        double g = GRADS[t - 1][i] + wd * w[i];
                        v[i] = alpha * v[i] + (1 - alpha) * g * g;
                        double d;
                        if (centered) {
                            mean[i] = alpha * mean[i] + (1 - alpha) * g;
                            d = Math.sqrt(v[i] - mean[i] * mean[i]) + eps;
                        } else {
                            d = Math.sqrt(v[i]) + eps;
                        }
                        if (momentum > 0) {
                            buf[i] = momentum * buf[i] + g / d;
                            w[i] -= lrf(t) * buf[i];
                        } else {
                            w[i] -= lrf(t) * g / d;
                        }
                    }
                    expected[t - 1] = w.clone();
                }
                assertMatches(expected, run(new RmsProp(SCHEDULE, alpha, eps, momentum, centered, wd)));
            }
        }
    }

    @Test
    void adagradMatchesTorch() {
        double lrDecay = 0.2;
        double init = 0.1;
        double eps = 1e-10;
        double wd = 0.05;
        double[] w = W0.clone();
        double[] s = {init, init, init};
        double[][] expected = new double[GRADS.length][];
        for (int t = 1; t <= GRADS.length; t++) {
            double clr = lrf(t) / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i] + wd * w[i];
                s[i] += g * g;
                w[i] -= clr * g / (Math.sqrt(s[i]) + eps);
            }
            expected[t - 1] = w.clone();
        }
        assertMatches(expected, run(new Adagrad(SCHEDULE, lrDecay, init, eps, wd)));
    }

    @Test
    void lionMatchesLionPytorch() {
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        double[] w = W0.clone();
        double[] m = new double[3];
        double[][] expected = new double[GRADS.length][];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i];
                w[i] *= 1 - lrf(t) * wd;
                w[i] -= lrf(t) * Math.signum(b1 * m[i] + (1 - b1) * g);
                m[i] = b2 * m[i] + (1 - b2) * g;
            }
            expected[t - 1] = w.clone();
        }
        assertMatches(expected, run(new Lion(SCHEDULE, b1, b2, wd)));
    }

    @Test
    void nesterovMatchesTorchSgd() {
        double mu = 0.9;
        double wd = 0.05;
        double[] w = W0.clone();
        double[] b = new double[3];
        double[][] expected = new double[GRADS.length][];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = GRADS[t - 1][i] + wd * w[i];
                b[i] = mu * b[i] + g;
                w[i] -= lrf(t) * (g + mu * b[i]);
            }
            expected[t - 1] = w.clone();
        }
        Optimizer nesterov = OptimizerFactory.of("nesterov", Map.of("momentum", mu, "weight_decay", wd)).create(SCHEDULE);
        assertEquals(MomentumSgd.class, nesterov.getClass());
        assertMatches(expected, run(nesterov));
    }

    /** The learning rate the float32 StepDecay tracker gives, as the optimizer sees it. */
    private static double lrf(int t) {
        return SCHEDULE.getNewValue(t);
    }

    @Test
    void registryBuildsEachByName() {
        for (String name : new String[] {"rmsprop", "adagrad", "lion", "nesterov"}) {
            Optimizer o = OptimizerFactory.of(name, Map.of()).create(Tracker.fixed(0.01f));
            assertEquals(GRADS.length, run(o).length, name);
        }
        assertThrows(IllegalArgumentException.class, () -> OptimizerFactory.of("rmsprop", Map.of("alpha", 1.0)).create(Tracker.fixed(0.01f)));
        assertThrows(IllegalArgumentException.class, () -> new Lion(Tracker.fixed(0.1f), 0.9, 1.5, 0));
    }

    /** A thousand updates leave the weight's manager with the same arrays (weights, state), nothing else. */
    @Test
    void updatesLeaveNothingBehind() {
        for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(() -> new RmsProp(Tracker.fixed(0.01f), 0.9, 1e-8, 0.9, true, 0.1),
                () -> new Adagrad(Tracker.fixed(0.01f), 0.1, 0, 1e-10, 0.1), () -> new Lion(Tracker.fixed(0.01f), 0.9, 0.99, 0.1))) {
            Optimizer o = make.get();
            try (NDManager m = NDManager.newBaseManager(); NDArray w = m.create(new float[] {1, 2, 3})) {
                NDArray g = m.create(new float[] {0.1f, -0.2f, 0.3f});
                o.update("w", w, g);
                int after1 = m.getManagedArrays().size();
                for (int t = 0; t < 1000; t++) {
                    g.addi(1);
                    o.update("w", w, g);
                }
                assertEquals(after1, m.getManagedArrays().size(), o.getClass().getSimpleName());
            }
        }
    }
}
