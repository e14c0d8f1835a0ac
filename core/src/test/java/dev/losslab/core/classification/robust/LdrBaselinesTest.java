package dev.losslab.core.classification.robust;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.margin.CrammerSingerHinge;
import dev.losslab.core.classification.margin.WestonWatkinsHinge;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.registry.Registry;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Paper 09's 13 baselines: the spec's batch means (second reading), gradients and properties. */
class LdrBaselinesTest {

    static Stream<Arguments> golden() {
        return Stream.of(
                Arguments.of("cross-entropy", Map.of(), 1.7169760961258895),
                Arguments.of("crammer-singer-hinge", Map.of("margin", 0.1), 1.2),
                Arguments.of("crammer-singer-hinge", Map.of("margin", 1), 1.7333333333333334),
                Arguments.of("crammer-singer-hinge", Map.of("margin", 10), 10.733333333333334),
                Arguments.of("weston-watkins-hinge", Map.of("margin", 0.1), 0.3866666666666667),
                Arguments.of("weston-watkins-hinge", Map.of("margin", 1), 0.6533333333333334),
                Arguments.of("weston-watkins-hinge", Map.of("margin", 10), 7.446666666666667),
                Arguments.of("gce", Map.of("q", 0.05), 1.6010661324630633),
                Arguments.of("gce", Map.of("q", 0.7), 0.8201164438124676),
                Arguments.of("gce", Map.of("q", 0.95), 0.6902743409689792),
                Arguments.of("tgce", Map.of("q", 0.7), 0.8201164438124676),
                Arguments.of("sce", Map.of("b", 0.05), 1.764999312412086),
                Arguments.of("sce", Map.of("b", 0.5), 2.1972082589878523),
                Arguments.of("sce", Map.of("b", 0.95), 2.6294172055636187),
                Arguments.of("rll", Map.of("alpha", 0.1), 1.3178065901355438),
                Arguments.of("rll", Map.of("alpha", 1), 0.25664087816808445),
                Arguments.of("rll", Map.of("alpha", 10), -1.3380186881243528),
                Arguments.of("mae", Map.of(), 0.6693601054624537),
                Arguments.of("prob-mse", Map.of(), 0.79012336512486),
                Arguments.of("js", Map.of("pi1", 0.1), 1.4119762216107261),
                Arguments.of("js", Map.of("pi1", 0.5), 1.0432025555156819),
                Arguments.of("js", Map.of("pi1", 0.9), 0.8340619569344674),
                Arguments.of("nce-rce", Map.of("alpha", 0.1), 61.047696858948214),
                Arguments.of("nce-rce", Map.of("alpha", 5), 31.517985609184464),
                Arguments.of("nce-rce", Map.of("alpha", 9.9), 1.9882743594207128),
                Arguments.of("nce-agce", Map.of("alpha", 0.1), 12.632125371814755),
                Arguments.of("nce-agce", Map.of("alpha", 5), 7.065676777298879),
                Arguments.of("nce-agce", Map.of("alpha", 9.9), 1.4992281827830027),
                Arguments.of("nce-aul", Map.of("alpha", 0.1), 15.365422171969144),
                Arguments.of("nce-aul", Map.of("alpha", 5), 8.446129706669783),
                Arguments.of("nce-aul", Map.of("alpha", 9.9), 1.5268372413704208));
    }

    private static Objective make(String name, Map<String, ?> params) {
        return Registry.defaults().objective(name, params);
    }

    /** Spec 09 states RCE agrees with the float32 official code only to ≈1e-7; all others to ≤1e-15. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void batchMeanMatchesTheSpec(String name, Map<String, ?> params, double expected) {
        assertClose(expected, Evaluation.meanOf(make(name, params), H, Y), 1e-10);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void gradientMatchesFiniteDifferencesAndIsFiniteAtExtremes(String name, Map<String, ?> params, double expected) {
        Fixtures.assertGradientMatchesFiniteDifference(make(name, params), H, Y, 1e-6);
        Fixtures.assertFiniteAtExtremes(make(name, params));
    }

    /** Every baseline but RLL depends on the logits only through softmax or differences, so gradient rows sum to zero. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("golden")
    void shiftInvarianceExceptRll(String name, Map<String, ?> params, double expected) {
        double[][] shifted = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            shifted[i] = java.util.Arrays.stream(H[i]).map(v -> v + 1).toArray();
        }
        double a = Evaluation.meanOf(make(name, params), H, Y);
        double b = Evaluation.meanOf(make(name, params), shifted, Y);
        if (name.equals("rll")) {
            assertTrue(Math.abs(a - b) > 1e-3, "the official RLL is not shift-invariant");
        } else {
            assertClose(a, b, 1e-10);
            for (double[] row : Evaluation.of(make(name, params), H, Y).grad()) {
                assertEquals(0, java.util.Arrays.stream(row).sum(), 1e-12);
            }
        }
    }

    @Test
    void rllShiftMatchesTheSpecsSecondReading() {
        double[][] shifted = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            shifted[i] = java.util.Arrays.stream(H[i]).map(v -> v + 1).toArray();
        }
        assertClose(0.13449, Evaluation.meanOf(make("rll", Map.of("alpha", 1)), shifted, Y), 1e-4);
    }

    /**
     * RLL's two evaluations agree: the rows of H alone take the form through u = 1 − p_y; with a
     * row whose u underflows (o = (800, 50, −5000, 0, 0), y = 0) the batch is computed entry by
     * entry. That row's own value: u_1 = 50 − Σo = 4200 dominates, so ℓ = −log 2 + (4200 + log1p(ε))/4.
     */
    @Test
    void rllFormsAgreeAndKeepOffLabelTermsOfConfidentRows() {
        RobustLogLoss rll = new RobustLogLoss(1);
        Evaluation fast = Evaluation.of(rll, H, Y);
        double[][] withConfident = java.util.Arrays.copyOf(H, H.length + 1);
        withConfident[H.length] = new double[] {800, 50, -5000, 0, 0};
        int[] labels = java.util.Arrays.copyOf(Y, Y.length + 1);
        Evaluation direct = Evaluation.of(rll, withConfident, labels);
        for (int i = 0; i < H.length; i++) {
            assertClose(fast.perSample()[i], direct.perSample()[i], 1e-12);
            for (int j = 0; j < H[i].length; j++) {
                assertClose(fast.grad()[i][j] * H.length, direct.grad()[i][j] * (H.length + 1), 1e-12);
            }
        }
        assertClose(-Math.log(2) + 4200.0 / 4, direct.perSample()[H.length], 1e-15);
    }

    /**
     * JS's closed-form gradient where the official code's clamps bite: in the row below p ≈ (0.993,
     * 6.7e-3, 1.8e-7, 4.1e-8, 6e-16), the third entry lies in the band [ε, ε/π2] (ε = 1e-7) where
     * the derivative gains π2·p, the last two below ε where the entry is constant. The entries are
     * of order 1e-7, so the comparison is absolute at 1e-9.
     */
    @Test
    void jsGradientMatchesFiniteDifferencesAroundTheClamps() {
        double[][] z = {{5, 0, -10.5, -12, -30}, {0, 5, -10.5, -12, -30}};
        int[] y = {0, 1};
        for (double pi1 : new double[] {0.5, 0.9}) {
            Fixtures.assertGradientMatchesFiniteDifference(new JensenShannon(pi1), z, y, 1e-9);
        }
    }

    /** LDR-KL on raw scores lies in [CS − λ·log K, CS] and so tends to Crammer–Singer as λ → 0. */
    @Test
    void ldrKlApproachesCrammerSinger() {
        double cs = Evaluation.meanOf(new CrammerSingerHinge(0.1), H, Y);
        for (double lambda : new double[] {1e-2, 1e-3, 1e-4}) {
            double ldr = Evaluation.meanOf(new LdrKl(lambda, 0.1, ScoreNormalization.NONE), H, Y);
            assertTrue(ldr <= cs + 1e-12 && ldr >= cs - lambda * Math.log(5) - 1e-12, "λ=" + lambda + ": " + ldr + " vs " + cs);
        }
    }

    /**
     * The hinges' closed-form subgradients: v = (0, 2, 0.5) for z = (1, 2, 0.5), y = 0, c = 1, and a
     * row whose violations are all exactly 0 (subgradient 0 there).
     */
    @Test
    void hingeSubgradientsAreTheClosedForms() {
        double[][] z = {{1, 2, 0.5}};
        int[] y = {0};
        Evaluation cs = Evaluation.of(new CrammerSingerHinge(1), z, y);
        assertClose(2, cs.perSample()[0], 1e-15);
        assertClose(new double[] {-1, 1, 0}, cs.grad()[0], 1e-15);
        Evaluation ww = Evaluation.of(new WestonWatkinsHinge(1), z, y);
        assertClose(2.5 / 3, ww.perSample()[0], 1e-15);
        assertClose(new double[] {-2.0 / 3, 1.0 / 3, 1.0 / 3}, ww.grad()[0], 1e-15);
        double[][] tie = {{1, 0, 0}};
        for (Objective hinge : new Objective[] {new CrammerSingerHinge(1), new WestonWatkinsHinge(1)}) {
            Evaluation e = Evaluation.of(hinge, tie, y);
            assertEquals(0, e.perSample()[0]);
            assertClose(new double[] {0, 0, 0}, e.grad()[0], 0);
        }
    }

    @Test
    void truncatedGcePrunesAndRestoresExamples() {
        TruncatedGce tgce = new TruncatedGce(0.7, 0.3);
        float[][] logits = {{2, -1, 0.5f, 0, 1.5f}, {0.3f, 0.2f, -0.4f, 1.1f, -2}, {-1, -0.5f, 3, 0.25f, 0.75f}};
        tgce.prune(new int[] {10, 11, 12}, logits, Y);
        assertTrue(tgce.isKept(10) && tgce.isKept(11) && !tgce.isKept(12), "p_y = 0.496, 0.471, 0.025 against k = 0.3");
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(H), "labels", m.create(Y)).with(InputNames.SAMPLE_IDS, m.create(new long[] {10, 11, 12}));
            double[] per = tgce.perSample(in).toDoubleArray();
            assertEquals(0, per[2]);
            double[] gce = Evaluation.of(new CompSum(1.7), H, Y).perSample();
            assertClose(new double[] {gce[0], gce[1]}, new double[] {per[0], per[1]}, 1e-12);
        }
        tgce.prune(new int[] {12}, new float[][] {{-1, 5, 3, 0.25f, 0.75f}}, new int[] {1});
        assertTrue(tgce.isKept(12));
        int[] pruning = java.util.stream.IntStream.range(0, 100).filter(e -> TruncatedGce.isPruningEpoch(e, 100)).toArray();
        assertEquals(java.util.List.of(59, 69, 79, 89, 99), java.util.Arrays.stream(pruning).boxed().toList());
        assertFalse(TruncatedGce.isPruningEpoch(9, 30));
        assertTrue(TruncatedGce.isPruningEpoch(19, 30) && TruncatedGce.isPruningEpoch(29, 30));
    }

    @Test
    void invalidHyperparametersNameTheParameter() {
        assertEquals("pi1", assertThrows(InvalidArgumentException.class, () -> new JensenShannon(1)).argument());
        assertEquals("alpha", assertThrows(InvalidArgumentException.class, () -> new RobustLogLoss(0)).argument());
        assertEquals("b", assertThrows(InvalidArgumentException.class, () -> new SymmetricCrossEntropy(2)).argument());
        assertEquals("a", assertThrows(InvalidArgumentException.class,
                () -> new ActivePassive(ActivePassive.Passive.AUL, 5, 1, 1.5)).argument());
        assertEquals("k", assertThrows(InvalidArgumentException.class, () -> new TruncatedGce(0.7, 1)).argument());
        assertEquals("margin", assertThrows(InvalidArgumentException.class, () -> new CrammerSingerHinge(-1)).argument());
    }
}
