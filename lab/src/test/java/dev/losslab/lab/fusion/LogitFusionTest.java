package dev.losslab.lab.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.preference.Categorical;
import dev.losslab.lab.fusion.KlMatchingAlphaSolver.Objective;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 18's worked examples and properties of logit arithmetic and the KL-matching α solver. */
class LogitFusionTest {
    static final double[] ZL = {2.0, 1.0, 0.5, -0.5, -1.0};
    static final double[] ZS = {1.5, 1.2, 0.3, -0.2, -1.0};
    static final double[] ZFT = {0.5, 2.5, 0.1, -0.3, -1.2};
    static final double[] ZS2 = {1.0, 0.8, 1.6, -0.4, -1.1};
    static final KlMatchingAlphaSolver TWO_TERM = new KlMatchingAlphaSolver(Objective.TWO_TERM, 2, 0.01, false);

    @Test
    void staticFusionGolden() {
        double[] z = LogitArithmetic.fuse(ZL, ZS, ZFT, 1.0);
        assertArrayEquals(new double[] {1.0, 2.3, 0.3, -0.6, -1.2}, z, 1e-12);
        assertArrayEquals(new double[] {0.18252899, 0.66975303, 0.09064122, 0.03685197, 0.02022479}, Categorical.softmax(z), 1e-8);
    }

    @Test
    void divergencesAndObjectiveGolden() {
        assertEquals(0.430357010, KlMatchingAlphaSolver.kl(ZFT, ZS), 1e-9);
        assertEquals(0.0509698426, KlMatchingAlphaSolver.kl(ZL, ZS), 1e-10);
        double[] a = {0, 0.5, 1, 1.5};
        double[] toLarge = {0, 0.128711139, 0.505443582, 0.922963682};
        double[] toExpert = {0.825639981, 0.311284912, 0.0347780211, 0.0194851029};
        double[] objective = {0.785320980, 0.158754167, 0.00590016834, 0.243652622};
        for (int i = 0; i < a.length; i++) {
            double[] fused = LogitArithmetic.fuse(ZL, ZS, ZFT, a[i]);
            assertEquals(toLarge[i], KlMatchingAlphaSolver.kl(fused, ZL), 1e-9);
            assertEquals(toExpert[i], KlMatchingAlphaSolver.kl(fused, ZFT), 1e-9);
            assertEquals(objective[i], TWO_TERM.objective(ZL, ZS, new double[][] {ZFT}, new double[] {a[i]}), 1e-9);
        }
    }

    @Test
    void singleExpertOptimaGolden() {
        double[][] experts = {ZFT};
        double grid = TWO_TERM.solve(ZL, ZS, experts)[0];
        assertEquals(0.92, grid, 1e-12);
        assertEquals(7.7039e-5, TWO_TERM.objective(ZL, ZS, experts, new double[] {grid}), 1e-9);
        double refined = new KlMatchingAlphaSolver(Objective.TWO_TERM, 2, 0.01, true).solve(ZL, ZS, experts)[0];
        assertEquals(0.917526, refined, 1e-6);
        assertEquals(7.1715e-5, TWO_TERM.objective(ZL, ZS, experts, new double[] {refined}), 1e-9);
        assertEquals(0.91, new KlMatchingAlphaSolver(Objective.SHIFT_ONLY, 2, 0.01, false).solve(ZL, ZS, experts)[0], 1e-12);
        KlMatchingAlphaSolver shiftRefined = new KlMatchingAlphaSolver(Objective.SHIFT_ONLY, 2, 0.01, true);
        double shift = shiftRefined.solve(ZL, ZS, experts)[0];
        assertEquals(0.913914, shift, 1e-6);
        assertEquals(0, shiftRefined.objective(ZL, ZS, experts, new double[] {shift}), 1e-12);
        assertArrayEquals(new double[] {0.20789054, 0.63461068, 0.09683531, 0.03905659, 0.02160688},
                Categorical.softmax(LogitArithmetic.fuse(ZL, ZS, ZFT, grid)), 1e-8);
    }

    @Test
    void twoExpertsGolden() {
        assertEquals(0.316096692, KlMatchingAlphaSolver.kl(ZS2, ZS), 1e-9);
        KlMatchingAlphaSolver solver = new KlMatchingAlphaSolver(Objective.TWO_TERM, 2, 0.1, false);
        double[][] experts = {ZFT, ZS2};
        double[] a = solver.solve(ZL, ZS, experts);
        assertArrayEquals(new double[] {0.8, 0.6}, a, 1e-12);
        assertEquals(0.0654670994, solver.objective(ZL, ZS, experts, a), 1e-9);
    }

    /** α = 0 returns the large model; an expert equal to the small base changes nothing and the solver picks α = 0. */
    @Test
    void limits() {
        assertArrayEquals(ZL, LogitArithmetic.fuse(ZL, ZS, ZFT, 0), 0);
        assertArrayEquals(ZL, LogitArithmetic.fuse(ZL, ZS, ZS, 1.7), 1e-15);
        assertEquals(0, TWO_TERM.solve(ZL, ZS, new double[][] {ZS})[0], 0);
    }

    /** A constant added to any one model's logits leaves the fused distribution and the chosen α unchanged. */
    @Property(tries = 30)
    void shiftInvariance(@ForAll @DoubleRange(min = -50, max = 50) double c, @ForAll @DoubleRange(min = 0, max = 2) double alpha) {
        double[] shifted = ZFT.clone();
        double[] large = ZL.clone();
        for (int v = 0; v < shifted.length; v++) {
            shifted[v] += c;
            large[v] -= c / 2;
        }
        assertArrayEquals(Categorical.softmax(LogitArithmetic.fuse(ZL, ZS, ZFT, alpha)), Categorical.softmax(LogitArithmetic.fuse(large, ZS, shifted, alpha)), 1e-9);
        assertEquals(TWO_TERM.solve(ZL, ZS, new double[][] {ZFT})[0], TWO_TERM.solve(large, ZS, new double[][] {shifted})[0], 0);
    }

    /** The decoder solves α per step and follows the fused argmax; with a fixed α it is proxy tuning. */
    @Test
    void greedyDecoderSolvesEveryStep() {
        FusedGreedyDecoder.NextToken large = prefix -> prefix.length % 2 == 0 ? ZL : ZS2;
        FusedGreedyDecoder.NextToken small = prefix -> ZS;
        FusedGreedyDecoder.NextToken expert = prefix -> ZFT;
        FusedGreedyDecoder.Decoded d = new FusedGreedyDecoder(large, small, new FusedGreedyDecoder.NextToken[] {expert}, TWO_TERM).decode(new int[] {4}, 3);
        assertEquals(3, d.tokens().length);
        for (int k = 0; k < 3; k++) {
            double[] zl = (1 + k) % 2 == 0 ? ZL : ZS2;
            assertEquals(TWO_TERM.solve(zl, ZS, new double[][] {ZFT})[0], d.alphas()[k][0], 0);
        }
        assertTrue(d.alphas()[0][0] != d.alphas()[1][0], "α is chosen per step");
        FusedGreedyDecoder.Decoded fixed = new FusedGreedyDecoder(prefix -> ZL, small, new FusedGreedyDecoder.NextToken[] {expert}, AlphaSolver.fixed(1)).decode(new int[0], 2);
        assertArrayEquals(new int[] {1, 1}, fixed.tokens());
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitArithmetic.fuse(ZL, new double[3], ZFT, 1)).getMessage().startsWith("small"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogitArithmetic.fuse(ZL, ZS, new double[][] {ZFT}, new double[2])).getMessage().startsWith("alphas"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new KlMatchingAlphaSolver(Objective.TWO_TERM, 0, 0.1, false)).getMessage().startsWith("maxAlpha"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TWO_TERM.solve(ZL, ZS, new double[0][])).getMessage().startsWith("experts"));
    }
}
