package dev.losslab.train.factored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.classification.spherical.LogTaylorSoftmax;
import dev.losslab.core.classification.spherical.SphericalLoss;
import dev.losslab.core.classification.spherical.SphericalMse;
import dev.losslab.core.classification.spherical.ZLoss;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Spec 02's worked example 3 (both layers), and the factored step against the naive one over many
 * random steps: W, ∂L/∂H, Q = WᵀW and w̄ = Wᵀ1 agree to 1e-9 relative, with weight decay and
 * periodic folding too.
 */
class FactoredSphericalLayerTest {
    static final double[][] W0 = {{0.2, -0.1, 0.4}, {0, 0.3, -0.2}, {-0.5, 0.1, 0.1}, {0.3, 0.3, 0}, {0.1, -0.4, 0.2}, {-0.2, 0, -0.3}};
    static final double[][] H = {{1, 0.5, -1}, {0.2, -0.3, 0.8}};
    static final int[] C = {3, 1};

    static void assertRows(double[][] expected, double[][] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, what + " [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void spec02Example3Mse() {
        double[][] wNew = {{0.2344, -0.0516, 0.2876}, {-0.02, 0.19, 0.07}, {-0.388, 0.152, -0.002}, {0.4112, 0.3532, -0.1052}, {0.148, -0.352, 0.092},
            {-0.2088, -0.0268, -0.2352}};
        for (SphericalOutputLayer layer : new SphericalOutputLayer[] {new FactoredSphericalLayer(new SphericalMse(), W0, 0, 0),
            new NaiveSphericalLayer(new SphericalMse(), W0, 0)}) {
            double[] loss = layer.step(H, C, 0.1);
            assertEquals(0.89, loss[0], 1e-12);
            assertEquals(1.8864, loss[1], 1e-12);
            assertRows(new double[][] {{0.02, 0.06, -0.63}, {0.36, -1.096, 1.09}}, layer.inputGradient(), 1e-12, layer.getClass().getSimpleName() + " ∇H");
            assertRows(wNew, layer.weights(), 1e-12, layer.getClass().getSimpleName() + " W");
        }
    }

    @Test
    void spec02Example3ZLoss() {
        SphericalLoss.Partials p = new ZLoss(1, 0).partials(new double[] {0.79, 0.3864}, new double[] {-0.2, 0.08}, new double[] {0.45, -0.25}, 6);
        assertEquals(0.23305936, p.loss()[0], 1e-8);
        assertEquals(1.34200576, p.loss()[1], 1e-8);
        assertEquals(0.17750609, p.dq()[0], 1e-8);
        assertEquals(0.10772784, p.ds()[0], 1e-8);
        assertEquals(-0.57536458, p.doc()[0], 1e-8);
        assertEquals(-0.99598398, p.dq()[1], 1e-8);
        assertEquals(0.51236442, p.ds()[1], 1e-8);
        assertEquals(-2.91482906, p.doc()[1], 1e-8);
        for (SphericalOutputLayer layer : new SphericalOutputLayer[] {new FactoredSphericalLayer(new ZLoss(1, 0), W0, 0, 0),
            new NaiveSphericalLayer(new ZLoss(1, 0), W0, 0)}) {
            layer.step(H, C, 0.1);
            assertRows(new double[][] {{-0.07332838, -0.03390978, -0.09028327}, {-0.40979067, -0.27796778, -0.00179025}}, layer.inputGradient(), 1e-8,
                    layer.getClass().getSimpleName() + " ∇H");
            assertRows(new double[][] {{0.31934566, 0.33255777, -0.076558}}, new double[][] {layer.weights()[3]}, 1e-8, layer.getClass().getSimpleName() + " W row 3");
        }
    }

    static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    /** Spec 02 reproduction A's property at D = 2000, d = 16, m = 8: every step's W and ∂L/∂H agree to 1e-9 relative. */
    static void agreesWithTheNaiveStep(SphericalLoss loss, double weightDecay, int stabilizePeriod) {
        agreesWithTheNaiveStep(loss, weightDecay, stabilizePeriod, 2000, 16, 50);
    }

    /** As above at D outputs of width d over {@code steps} steps. */
    static void agreesWithTheNaiveStep(SphericalLoss loss, double weightDecay, int stabilizePeriod, int dim, int d, int steps) {
        Random r = new Random(0);
        int m = 8;
        double[][] w0 = new double[dim][d];
        for (double[] row : w0) {
            for (int j = 0; j < d; j++) {
                row[j] = 0.01 * r.nextGaussian();
            }
        }
        FactoredSphericalLayer fast = new FactoredSphericalLayer(loss, w0, weightDecay, stabilizePeriod);
        NaiveSphericalLayer naive = new NaiveSphericalLayer(loss, w0, weightDecay);
        for (int t = 0; t < steps; t++) {
            double[][] h = new double[m][d];
            int[] c = new int[m];
            for (int i = 0; i < m; i++) {
                c[i] = r.nextInt(dim);
                for (int j = 0; j < d; j++) {
                    h[i][j] = r.nextGaussian();
                }
            }
            c[m - 1] = c[0];
            double[] lf = fast.step(h, c, 0.01);
            double[] ln = naive.step(h, c, 0.01);
            for (int i = 0; i < m; i++) {
                assertEquals(ln[i], lf[i], 1e-9 * Math.max(1, Math.abs(ln[i])), "loss, step " + t);
            }
            double[][] wn = naive.weights();
            assertTrue(maxDiff(fast.weights(), wn) <= 1e-9 * maxAbs(wn), "W at step " + t + ": " + maxDiff(fast.weights(), wn));
            assertTrue(maxDiff(fast.inputGradient(), naive.inputGradient()) <= 1e-9 * maxAbs(naive.inputGradient()), "∇H at step " + t);
            double[][] gram = new double[d][d];
            double[] sums = new double[d];
            for (double[] row : wn) {
                for (int a = 0; a < d; a++) {
                    sums[a] += row[a];
                    for (int b = 0; b < d; b++) {
                        gram[a][b] += row[a] * row[b];
                    }
                }
            }
            assertTrue(maxDiff(fast.gram(), gram) <= 1e-9 * maxAbs(gram), "Q at step " + t);
            assertTrue(maxDiff(new double[][] {fast.columnSums()}, new double[][] {sums}) <= 1e-9 * Math.max(maxAbs(new double[][] {sums}), 1e-3), "w̄ at step " + t);
        }
    }

    @Test
    void factoredStepEqualsTheNaiveStepOverManySteps() {
        agreesWithTheNaiveStep(new ZLoss(1, 0), 0, 0);
        agreesWithTheNaiveStep(new LogTaylorSoftmax(), 0, 0);
    }

    @Test
    void weightDecayAndFoldingKeepTheEquality() {
        agreesWithTheNaiveStep(new ZLoss(1, 0), 0.1, 7);
        agreesWithTheNaiveStep(new SphericalMse(), 0.5, 10);
    }

    /** Folding V in engine blocks of {@link FactoredSphericalLayer#FOLD_ROWS} rows: D = 2.5 blocks, a fold every 3 steps. */
    @Test
    void foldingInSeveralEngineBlocksKeepsTheEquality() {
        agreesWithTheNaiveStep(new SphericalMse(), 0.1, 3, FactoredSphericalLayer.FOLD_ROWS * 5 / 2, 3, 10);
    }

    /**
     * The squared error on one repeated h (‖h‖² = 25, η = 0.01) halves one singular value of U per
     * step; after two steps exactly one is out of [0.5, 2]: stabilising brings it back without
     * changing W (1e-12), and later steps still agree with the naive layer.
     */
    @Test
    void stabilisingRescalesOneSingularValueAndKeepsW() {
        int d = 6;
        Random r = new Random(3);
        double[][] w0 = new double[40][d];
        for (double[] row : w0) {
            for (int j = 0; j < d; j++) {
                row[j] = 0.1 * r.nextGaussian();
            }
        }
        FactoredSphericalLayer fast = new FactoredSphericalLayer(new SphericalMse(), w0, 0, 0);
        NaiveSphericalLayer naive = new NaiveSphericalLayer(new SphericalMse(), w0, 0);
        double[][] h = {{3, 4, 0, 0, 0, 0}};
        for (int t = 0; t < 2; t++) {
            fast.step(h, new int[] {t}, 0.01);
            naive.step(h, new int[] {t}, 0.01);
        }
        assertEquals(1, java.util.Arrays.stream(fast.singularValuesOfU()).filter(s -> s < 0.5 || s > 2).count(), "one singular value out of range");
        double[][] before = fast.weights();
        fast.stabilize();
        assertTrue(java.util.Arrays.stream(fast.singularValuesOfU()).allMatch(s -> s >= 0.5 - 1e-12 && s <= 2 + 1e-12));
        assertTrue(maxDiff(fast.weights(), before) <= 1e-12 * maxAbs(before), "W changed by " + maxDiff(fast.weights(), before));
        for (int t = 2; t < 12; t++) {
            double[][] ht = {{r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}};
            fast.step(ht, new int[] {t}, 0.01);
            naive.step(ht, new int[] {t}, 0.01);
            assertTrue(maxDiff(fast.weights(), naive.weights()) <= 1e-9 * maxAbs(naive.weights()), "W at step " + t);
        }
    }

    @Test
    void refusesBadArguments() {
        FactoredSphericalLayer layer = new FactoredSphericalLayer(new SphericalMse(), W0, 0, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> layer.step(H, new int[] {6, 0}, 0.1)).getMessage().startsWith("targets:"));
        assertThrows(IllegalArgumentException.class, () -> new FactoredSphericalLayer(new SphericalMse(), new double[0][], 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FactoredSphericalLayer(new SphericalMse(), W0, -1, 0));
    }
}
