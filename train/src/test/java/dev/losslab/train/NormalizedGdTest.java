package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.Inputs;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.binary.BinaryMarginLoss;
import dev.losslab.train.optim.NormalizedGd;
import org.junit.jupiter.api.Test;

class NormalizedGdTest {
    private static final BinaryMarginLoss LOGISTIC = new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC);

    /**
     * Full-batch updates of the registered optimizer on a linear model without bias, in float64,
     * fed the logistic loss's per-sample values; returns the updates until every margin is &gt; 0
     * (checked before each update, as spec 06), or the weights after {@code cap} updates.
     */
    private static double[] run(double[][] a, int[] labels01, double[] theta0, double gamma, int cap, int[] updates) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(a);
            NDArray y = m.create(labels01);
            NDArray signs = y.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).mul(2).sub(1);
            NDArray w = m.create(theta0.clone());
            w.setRequiresGradient(true);
            NormalizedGd opt = new NormalizedGd(Tracker.fixed((float) gamma));
            for (int t = 0; t < cap; t++) {
                if (updates != null && x.matMul(w).mul(signs).gt(0).all().getBoolean()) {
                    updates[0] = t;
                    return w.toDoubleArray();
                }
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray per = LOGISTIC.perSample(Inputs.of(java.util.Map.of("logits", x.matMul(w), "labels", y)));
                    gc.backward(per.mean());
                    opt.observeLosses(per.toDoubleArray());
                }
                opt.update("w", w, w.getGradient());
            }
            if (updates != null) {
                updates[0] = cap;
            }
            return w.toDoubleArray();
        }
    }

    /** Spec 06 worked example 2: from θ = (0.3, −0.2) with γ = 1, β = 2 and the step lands on (1.3, 1.912296656). */
    @Test
    void oneNormalizedStepMatchesTheSpec() {
        double[] theta = run(new double[][] {{1, -1}, {-1, -4}}, new int[] {1, 0}, new double[] {0.3, -0.2}, 1, 1, null);
        assertEquals(1.3, theta[0], 1e-9);
        assertEquals(1.912296656, theta[1], 1e-9);
    }

    /** Spec 06 worked example 3 (the paper's Table 1): updates to separate the worst-case data set, n = 1000. */
    @Test
    void separatesTheWorstCaseDataSetInTable1sIterations() {
        int n = 1000;
        double[][] a = new double[n][];
        int[] y = new int[n];
        a[0] = new double[] {0.5, -1};
        y[0] = 1;
        for (int i = 1; i < n; i++) {
            a[i] = new double[] {-0.5, -1};
        }
        double[] gammas = {100, 10, 1, 0.1};
        int[] expected = {2, 2, 16, 157};
        for (int k = 0; k < gammas.length; k++) {
            int[] updates = new int[1];
            run(a, y, new double[2], gammas[k], 400, updates);
            assertEquals(expected[k], updates[0], "γ = " + gammas[k]);
        }
    }

    /** β = 1/mean(1 − e^{−ℓ}): 2 at θ = 0 (every ℓ = log 2), 1/(1 − p_y) for cross-entropy; 0 (no step) when every loss is 0. */
    @Test
    void betaFromPerSampleLosses() {
        NormalizedGd opt = new NormalizedGd(Tracker.fixed(1f));
        opt.observeLosses(new double[] {Math.log(2), Math.log(2), Math.log(2)});
        assertEquals(2, opt.beta(), 1e-15);
        opt.observeLosses(new double[] {-Math.log(0.75)});
        assertEquals(4, opt.beta(), 1e-12);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray per = new CrossEntropy().perSample(Inputs.of(java.util.Map.of(
                    "logits", m.create(new double[][] {{Math.log(3), 0}}), "labels", m.create(new int[] {0}))));
            opt.observeLosses(per.toDoubleArray());
            assertEquals(4, opt.beta(), 1e-12, "p_y = 0.75");
            opt.observeLosses(new double[] {0, 0});
            assertEquals(0, opt.beta());
            NDArray w = m.create(new double[] {1, 2});
            opt.update("w", w, m.create(new double[] {5, 5}));
            assertEquals(1, w.getDouble(0), 0, "no step when every loss is 0");
        }
    }

    @Test
    void refusesAStepWithoutFreshLossesAndBadLosses() {
        NormalizedGd opt = new NormalizedGd(Tracker.fixed(1f));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new double[] {1});
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.update("w", w, m.create(new double[] {1})));
            assertTrue(e.getMessage().contains("observeLosses"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> opt.observeLosses(new double[0])).getMessage().contains("perSample"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> opt.observeLosses(new double[] {Double.NaN})).getMessage().contains("perSample"));
    }

    /** Training hands the optimizer each batch's losses: a multi-class MLP learns the blobs with it. */
    @Test
    void trainsThroughTraining() {
        TabularData data = TrainingTest.blobs(300, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NormalizedGd opt = new NormalizedGd(Tracker.fixed(0.05f));
            Training t = new Training(TrainingTest.mlp(m), new CrossEntropy(), opt, m);
            int[] order = java.util.stream.IntStream.range(0, data.size()).toArray();
            for (int e = 0; e < 10; e++) {
                t.epoch(e, data, order, 32, StepListener.NONE);
            }
            assertTrue(t.accuracy(data) > 0.95, "accuracy " + t.accuracy(data));
            assertTrue(opt.beta() > 1, "β ≥ 1 always (1 − p_y ≤ 1), got " + opt.beta());
        }
    }
}
