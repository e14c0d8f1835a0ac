package dev.losslab.core.fewshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Spec 10's worked example through the head a = F̂_q·W with W initialised from the support's
 * normalised features (value and dL/dWᵀ, both uncertainty modes), finite differences in a, the
 * standardisation's properties, W-scale invariance, the zero-shot limit and bad input.
 */
class AmuLossTest {
    static final double[][] SUPPORT = {{1.0, 0.2, 0.0, 0.1}, {0.0, 1.0, 0.2, 0.1}, {0.2, 0.1, 1.0, 0.5}, {0.1, 0.1, 0.2, 1.0}, {0.6, 0.6, 0.1, 0.0}};
    static final double[][] QUERY = {{0.9, 0.1, 0.2, 0.0}, {0.2, 0.8, 0.1, 0.2}, {0.1, 0.2, 0.9, 0.6}};
    static final double[][] ZS = {{22.0, 20.5, 19.0, 18.0, 21.0}, {18.0, 21.0, 20.8, 17.5, 20.9}, {19.5, 20.0, 21.0, 20.2, 18.0}};
    static final long[] Y = {0, 4, 2};

    static double[][] normalised(double[][] f) {
        double[][] out = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            double n = Math.sqrt(java.util.Arrays.stream(f[i]).map(v -> v * v).sum());
            out[i] = java.util.Arrays.stream(f[i]).map(v -> v / n).toArray();
        }
        return out;
    }

    /** {loss, per-sample..., dL/dWᵀ (rows = classes) flattened} with Wᵀ = {@code wt} and a = F̂_q·W. */
    static double[][] throughHead(AmuLoss loss, double[][] wt) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(wt);
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray a = m.create(normalised(QUERY)).matMul(w.transpose());
                NDArray per = loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, a, InputNames.ZERO_SHOT_LOGITS, m.create(ZS), InputNames.LABELS, m.create(Y))));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, per.toDoubleArray(), w.getGradient().toDoubleArray(), a.toDoubleArray()};
            }
        }
    }

    static double evalAt(AmuLoss loss, double[][] a) {
        try (NDManager m = NDManager.newBaseManager()) {
            return loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, m.create(a), InputNames.ZERO_SHOT_LOGITS, m.create(ZS), InputNames.LABELS, m.create(Y))))
                    .mean().getDouble();
        }
    }

    @Test
    void spec10WorkedExample() {
        double[][] wt = normalised(SUPPORT);
        assertArrayEquals(new double[] {0.1754116, 0.0877058, 0.87705802, 0.43852901}, wt[2], 1e-8);
        double[][] r = throughHead(new AmuLoss(0.5, 0.35, false, 0.4, 250), wt);
        assertArrayEquals(new double[] {0.9681529, 0.14732762, 0.36884483, 0.14663103, 0.78249403}, java.util.Arrays.copyOf(r[3], 5), 1e-8);
        assertEquals(0.740503095, r[0][0], 1e-9);
        assertArrayEquals(new double[] {-0.21158426, 0.00807498, -0.10951207, -0.03318948, 0.07851744, 0.45633749, 0.07496807, 0.13140021, 0.02726229, 0.01733866,
                -0.13397899, -0.08631863, -0.0143019, 0.07253533, 0.2105428, 0.15204006, 0.12010643, -0.55428646, -0.04201981, -0.16393216}, r[2], 1e-8);
        assertEquals(0.815822230, throughHead(new AmuLoss(0.5, 0.35, true, 0.4, 250), wt)[0][0], 1e-9);
        assertEquals(0.593951506, fusedCe(wt, false), 1e-9);
        assertEquals(0.809149034, fusedCe(wt, true), 1e-9);
        assertEquals(0.819415489, throughHead(new AmuLoss(0.5, 0, false, 0.4, 250), wt)[0][0], 1e-9);
    }

    private static double fusedCe(double[][] wt, boolean moment) {
        return throughHead(new AmuLoss(0.5, 1, moment, 0.4, 250), wt)[0][0];
    }

    @Test
    void kurtosisFactorGolden() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] u = new AmuLoss(0.5, 0.35, true, 0.4, 250).uncertainty(m.create(ZS)).toDoubleArray();
            assertArrayEquals(new double[] {7.36724489, 10.12229219, 7.5080537}, u, 1e-7);
        }
    }

    @Test
    void finiteDifferences() {
        for (boolean moment : new boolean[] {false, true}) {
            AmuLoss loss = new AmuLoss(0.5, 0.35, moment, 0.4, 250);
            double[][] a = rows(throughHead(loss, normalised(SUPPORT))[3]);
            double[] grad;
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(a);
                x.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, x, InputNames.ZERO_SHOT_LOGITS, m.create(ZS), InputNames.LABELS, m.create(Y)))).mean());
                    grad = x.getGradient().toDoubleArray();
                }
            }
            for (int k = 0; k < 15; k++) {
                double[][] up = rows(flat(a));
                double[][] down = rows(flat(a));
                up[k / 5][k % 5] += 1e-6;
                down[k / 5][k % 5] -= 1e-6;
                assertEquals((evalAt(loss, up) - evalAt(loss, down)) / 2e-6, grad[k], 1e-8, "entry " + k + ", moment " + moment);
            }
        }
    }

    /** s_aux has zero mean and unit unbiased std per row; the loss is invariant to rescaling W (hence a) by c > 0. */
    @Property(tries = 20)
    void standardisedAndScaleInvariant(@ForAll @DoubleRange(min = 0.01, max = 100) double c) {
        double[][] wt = normalised(SUPPORT);
        double[][] scaled = new double[5][4];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 4; j++) {
                scaled[i][j] = c * wt[i][j];
            }
        }
        AmuLoss loss = new AmuLoss(0.5, 0.35, true, 0.4, 250);
        assertEquals(throughHead(loss, wt)[0][0], throughHead(loss, scaled)[0][0], 1e-10);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = AmuLoss.standardise(m.create(rows(throughHead(loss, scaled)[3])));
            for (double mean : s.mean(new int[] {1}).toDoubleArray()) {
                assertEquals(0, mean, 1e-12);
            }
            for (double ss : s.square().sum(new int[] {1}).toDoubleArray()) {
                assertEquals(4, ss, 1e-10);
            }
        }
    }

    /** α = 0 and λ = 1: the zero-shot classifier, zero gradient on W. */
    @Test
    void zeroShotLimit() {
        double[][] r = throughHead(new AmuLoss(0, 1, false, 0.4, 250), normalised(SUPPORT));
        for (double g : r[2]) {
            assertEquals(0, g, 0);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zs = m.create(ZS);
            assertArrayEquals(ZS[1], new AmuLoss(0, 1, false, 0.4, 250).fusedLogits(zs, m.create(rows(r[3]))).get(1).toDoubleArray(), 0);
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        double[][] a = {{1e4, -1e4, 0, 5, 3}, {-1e4, 1e4, 1, 2, 3}, {0, 0, 1e4, 0, 1}};
        double[][] zs = {{1e4, -1e4, 0, 0, 0}, {0, 0, 0, 0, -1e4}, {5, 1e4, -1e4, 0, 0}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(a);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = new AmuLoss(0.5, 0.35, true, 0.4, 250)
                        .perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, x, InputNames.ZERO_SHOT_LOGITS, m.create(zs), InputNames.LABELS, m.create(Y)))).mean();
                gc.backward(mean);
                assertTrue(Double.isFinite(mean.getDouble()));
                for (double g : x.getGradient().toDoubleArray()) {
                    assertTrue(Double.isFinite(g));
                }
            }
        }
    }

    @Test
    void badInputIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            AmuLoss loss = new AmuLoss(0.5, 0.35, true, 0.4, 250);
            double[][] a = rows(throughHead(loss, normalised(SUPPORT))[3]);
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, m.create(a),
                    InputNames.ZERO_SHOT_LOGITS, m.create(new double[][] {{1, 2}}), InputNames.LABELS, m.create(Y)))));
            assertEquals(InputNames.ZERO_SHOT_LOGITS, e.argument());
            e = assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, m.create(a),
                    InputNames.ZERO_SHOT_LOGITS, m.create(new double[3][5]), InputNames.LABELS, m.create(Y)))));
            assertTrue(e.getMessage().contains("all equal"), e.getMessage());
            e = assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(Map.of(InputNames.AUX_LOGITS, m.create(a),
                    InputNames.ZERO_SHOT_LOGITS, m.create(ZS), InputNames.LABELS, m.create(new long[] {0, 5, 1})))));
            assertEquals(InputNames.LABELS, e.argument());
            assertThrows(IllegalArgumentException.class, () -> new AmuLoss(0.5, 1.5, false, 0.4, 250));
        }
    }

    private static double[][] rows(double[] flat) {
        double[][] r = new double[flat.length / 5][5];
        for (int k = 0; k < flat.length; k++) {
            r[k / 5][k % 5] = flat[k];
        }
        return r;
    }

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
