package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The specs' shared worked example (papers 04 and 09) and assertion helpers. */
public final class Fixtures {
    private Fixtures() {}

    /** Logits h (3×5) from specs 04 and 09. */
    public static final double[][] H = {
        {2, -1, 0.5, 0, 1.5},
        {0.3, 0.2, -0.4, 1.1, -2},
        {-1, -0.5, 3, 0.25, 0.75}
    };

    /** Labels y from specs 04 and 09. */
    public static final int[] Y = {0, 3, 1};

    /** |actual − expected| ≤ rel·max(1, |expected|) element-wise. */
    public static void assertClose(double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], rel);
        }
    }

    public static void assertClose(double expected, double actual, double rel) {
        double tol = rel * Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol, "expected " + expected + " got " + actual + " (tol " + tol + ")");
    }

    /** Autograd gradient equals central finite differences within {@code tol}. */
    public static void assertGradientMatchesFiniteDifference(Objective o, double[][] h, int[] y, double tol) {
        double[][] auto = Evaluation.of(o, h, y).grad();
        double[][] fd = Evaluation.finiteDifference(o, h, y, 1e-6);
        for (int i = 0; i < h.length; i++) {
            for (int j = 0; j < h[0].length; j++) {
                assertTrue(Math.abs(auto[i][j] - fd[i][j]) <= tol,
                        o.name() + " grad[" + i + "][" + j + "] autograd " + auto[i][j] + " vs finite difference " + fd[i][j]);
            }
        }
    }

    /** Every value and gradient entry is finite for logits of ±1e4. */
    public static void assertFiniteAtExtremes(Objective o) {
        double[][] h = {{1e4, -1e4, 0, 5}, {-1e4, 1e4, -1e4, 1e4}, {-1e4, -1e4, -1e4, -1e4}};
        int[] y = {1, 0, 2};
        Evaluation e = Evaluation.of(o, h, y);
        assertTrue(Double.isFinite(e.mean()), o.name() + " mean not finite: " + e.mean());
        for (double[] row : e.grad()) {
            for (double g : row) {
                assertTrue(Double.isFinite(g), o.name() + " gradient not finite");
            }
        }
    }
}
