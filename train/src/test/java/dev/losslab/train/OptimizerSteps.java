package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.schedule.StepDecay;

/**
 * Shared fixture of the optimizer tests: six gradients and a learning rate that drops from 0.1 to
 * 0.01 after update 3; {@link #run} applies an optimizer to float64 weights and checks that it zeroes
 * the gradient; {@link #assertMatches} compares with a float64 reference to 1e-9.
 */
final class OptimizerSteps {
    static final double[][] GRADS = {{0.5, -1.2, 0.0}, {0.3, -0.8, 2.0}, {-0.1, 0.4, 1.5}, {0.7, 0.0, -0.3}, {-1.0, 0.2, 0.9}, {0.05, -0.05, 0.6}};
    static final double[] W0 = {1.0, -0.5, 0.25};
    static final Tracker SCHEDULE = new StepDecay(0.1f, 0.1f, 3);

    private OptimizerSteps() {}

    /** The learning rate of update t as the optimizer sees it (the float tracker's value). */
    static double lr(int t) {
        return SCHEDULE.getNewValue(t);
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
}
