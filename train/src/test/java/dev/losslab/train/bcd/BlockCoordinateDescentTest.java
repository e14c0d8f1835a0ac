package dev.losslab.train.bcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.train.bcd.BlockCoordinateDescent.Selection;
import dev.losslab.train.bcd.BlockCoordinateDescent.Update;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 65's worked examples (scores, L_b, the values after Lb and Hb updates, logistic GSQ) and the progress bounds. */
class BlockCoordinateDescentTest {
    static final double[][] A = {{1, 2, 0, 1}, {0, 1, 3, 0}, {2, 0, 1, 1}, {1, 1, 0, 2}, {0, 2, 1, 0}};
    static final double[] B = {1, 2, 0, 1, 3};
    static final List<int[]> BLOCKS = List.of(new int[] {0, 1}, new int[] {2, 3});

    static BlockCoordinateDescent bcd(SmoothObjective f, Selection s, Update u) {
        return new BlockCoordinateDescent(f, BLOCKS, s, u, new Random(0));
    }

    @Test
    void leastSquaresScoresAndUpdates() {
        SmoothObjective f = SmoothObjective.leastSquares(A, B);
        double[] x = new double[4];
        assertEquals(7.5, f.value(x), 1e-12);
        double[] g = f.gradient(x);
        assertArrayEquals(new double[] {-2, -11, -9, -3}, g, 1e-12);
        double[][] expected = {{11.18033989, 10.77070766, 5.75, 12.43137255}, {9.486832981, 8.041039749, 4.825657895, 8.169230769}};
        Selection[] rules = {Selection.GS, Selection.GSL, Selection.GSD, Selection.GSQ};
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < 4; r++) {
                assertEquals(expected[k][r], bcd(f, rules[r], Update.LB).score(k, g), 1e-8, rules[r] + " block " + k);
            }
        }
        assertEquals(11.60555128, bcd(f, Selection.GS, Update.LB).blockLipschitz(0), 1e-8);
        assertEquals(11.19258240, bcd(f, Selection.GS, Update.LB).blockLipschitz(1), 1e-8);
        for (Selection s : rules) {
            assertEquals(0, bcd(f, s, Update.LB).select(g), s.name());
        }
        double[][] after = {{1.800240309, 1.284313725}, {3.446223333, 3.415384615}};
        for (int k = 0; k < 2; k++) {
            double[] lb = new double[4];
            bcd(f, Selection.GS, Update.LB).apply(lb, g, k);
            assertEquals(after[k][0], f.value(lb), 1e-8);
            double[] hb = new double[4];
            bcd(f, Selection.GS, Update.HB).apply(hb, g, k);
            assertEquals(after[k][1], f.value(hb), 1e-8);
            assertEquals(7.5 - expected[k][3] / 2, f.value(hb), 1e-8, "least squares: Hb attains the GSQ bound");
        }
    }

    @Test
    void logisticGsqPicksTheSecondBlock() {
        SmoothObjective f = SmoothObjective.logistic(A, new double[] {1, -1, 1, 1, -1});
        double[] x = new double[4];
        assertEquals(5 * Math.log(2), f.value(x), 1e-12);
        double[] g = f.gradient(x);
        assertArrayEquals(new double[] {-2, 0, 1.5, -2}, g, 1e-12);
        BlockCoordinateDescent gsq = bcd(f, Selection.GSQ, Update.HB);
        assertEquals(3.137254902, gsq.score(0, g), 1e-8);
        assertEquals(3.907692308, gsq.score(1, g), 1e-8);
        assertEquals(1, gsq.select(g));
        assertEquals(1, bcd(f, Selection.GS, Update.HB).select(g));
        double[] y = new double[4];
        gsq.apply(y, g, 1);
        assertEquals(1.180373852, f.value(y), 1e-8);
        double[] z = new double[4];
        gsq.apply(z, g, 0);
        assertEquals(1.572866525, f.value(z), 1e-8);
    }

    /** f(x⁺) ≤ f(x) − score/2 for the matched pairs GSL/Lb, GSD/diagonal, GSQ/Hb, at random points of both objectives. */
    @Test
    void progressBounds() {
        Random r = new Random(3);
        for (SmoothObjective f : List.of(SmoothObjective.leastSquares(A, B), SmoothObjective.logistic(A, new double[] {1, -1, 1, 1, -1}))) {
            for (int trial = 0; trial < 20; trial++) {
                double[] x = new double[4];
                for (int i = 0; i < 4; i++) {
                    x[i] = r.nextGaussian();
                }
                double[] g = f.gradient(x);
                Object[][] pairs = {{Selection.GSL, Update.LB}, {Selection.GSD, Update.DIAGONAL}, {Selection.GSQ, Update.HB}};
                for (Object[] pair : pairs) {
                    BlockCoordinateDescent m = bcd(f, (Selection) pair[0], (Update) pair[1]);
                    for (int k = 0; k < 2; k++) {
                        double[] y = x.clone();
                        m.apply(y, g, k);
                        assertTrue(f.value(y) <= f.value(x) - m.score(k, g) / 2 + 1e-10, pair[0] + " block " + k);
                    }
                }
            }
        }
    }

    @Test
    void cyclicAndContiguousBlocks() {
        assertEquals(3, BlockCoordinateDescent.contiguous(7, 3).size());
        assertArrayEquals(new int[] {6}, BlockCoordinateDescent.contiguous(7, 3).get(2));
        SmoothObjective f = SmoothObjective.leastSquares(A, B);
        BlockCoordinateDescent cyclic = bcd(f, Selection.CYCLIC, Update.LB);
        double[] x = new double[4];
        assertEquals(0, cyclic.step(x));
        assertEquals(1, cyclic.step(x));
        assertEquals(0, cyclic.step(x));
    }
}
