package dev.losslab.lab.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.embedding.EmbeddingPooler;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 25: MLR's objective, gradient and optima, the SVD compressor, the pooler and k-fold CV. */
class MultinomialRegressionTest {
    static final double[][] X = {{1.0, 2.0}, {2.0, 0.5}, {-1.0, 1.0}, {-2.0, -1.0}, {0.5, -2.0}, {1.5, -1.0}};
    static final int[] Y = {0, 0, 1, 1, 2, 2};

    /** Spec 25 example 1: J and its gradient at W0, b0 (parameters laid out class by class: [W_k, b_k]). */
    @Test
    void objectiveAndGradientGolden() {
        double[] p = {0.1, 0.3, 0.0, -0.2, 0.1, 0.1, 0.0, -0.1, -0.1};
        double[] g = new double[9];
        assertEquals(4.86400328, LogisticRegressionProbe.multinomial(p, g, X, Y, 3, 1.0), 1e-8);
        double[] expected = {-1.57605143, -1.56674763, 0.0888181, 2.80106735, -0.19865484, 0.05697325, -1.32501592, 2.06540247, -0.14579136};
        assertArrayEquals(expected, g, 1e-8);
    }

    /** Spec 25 examples 2 and 3: the optima for C = 1 and C = 10 to 1e-5, J*, predictions. */
    @Test
    void optimaGolden() {
        LogisticRegressionProbe one = LogisticRegressionProbe.fitMultinomial(X, Y, 3, 1.0);
        assertMatrix(new double[][] {{0.57951748, -0.89358752, 0.31407004}, {0.64348467, 0.12810455, -0.77158921}}, one.weights(), 1e-5);
        assertArrayEquals(new double[] {-0.23822611, 0.34055406, -0.10232796}, one.intercepts(), 1e-5);
        assertEquals(2.58597369, objective(one, 1.0), 1e-8);
        for (int i = 0; i < X.length; i++) {
            assertEquals(Y[i], one.predict(X[i]));
        }
        LogisticRegressionProbe ten = LogisticRegressionProbe.fitMultinomial(X, Y, 3, 10.0);
        assertMatrix(new double[][] {{1.21313055, -1.69876286, 0.48563232}, {1.40456803, 0.2226486, -1.62721663}}, ten.weights(), 1e-5);
        assertArrayEquals(new double[] {-0.70469805, 0.86979206, -0.16509401}, ten.intercepts(), 1e-5);
        assertEquals(7.72166783, objective(ten, 10.0), 1e-8);
    }

    /** Properties: rows of W* and the intercepts sum to 0; ‖W*‖ grows with C; duplicating the data with C halved gives W*. */
    @Test
    void optimumProperties() {
        LogisticRegressionProbe one = LogisticRegressionProbe.fitMultinomial(X, Y, 3, 1.0);
        for (double[] row : one.weights()) {
            assertEquals(0, row[0] + row[1] + row[2], 1e-7);
        }
        assertEquals(0, one.intercepts()[0] + one.intercepts()[1] + one.intercepts()[2], 1e-7);
        assertTrue(norm(LogisticRegressionProbe.fitMultinomial(X, Y, 3, 10.0).weights()) > norm(one.weights()));
        double[][] twice = new double[12][];
        int[] y2 = new int[12];
        for (int i = 0; i < 12; i++) {
            twice[i] = X[i % 6];
            y2[i] = Y[i % 6];
        }
        assertMatrix(one.weights(), LogisticRegressionProbe.fitMultinomial(twice, y2, 3, 0.5).weights(), 1e-6);
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogisticRegressionProbe.fitMultinomial(X, new int[] {0, 1, 2, 3, 0, 1}, 3, 1))
                .getMessage().contains("label 3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogisticRegressionProbe.fitMultinomial(X, Y, 3, 0)).getMessage().contains("C must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SvdCompressor.fit(X, 3)).getMessage().contains("k must"));
    }

    /**
     * The SVD compressor keeps the top directions: on points lying on a 2-D plane in 4-D, two
     * components reconstruct every centred point exactly, the components are orthonormal, and the
     * first carries at least as much variance as the second.
     */
    @Test
    void svdKeepsThePlane() {
        Random r = new Random(5);
        double[][] x = new double[30][4];
        for (double[] row : x) {
            double a = 3 * r.nextGaussian();
            double b = r.nextGaussian();
            row[0] = 1 + a;
            row[1] = 2 + a + b;
            row[2] = -b;
            row[3] = 0.5 * a;
        }
        SvdCompressor svd = SvdCompressor.fit(x, 2);
        double[][] z = svd.transform(x);
        double total = 0;
        double kept = 0;
        double v0 = 0;
        double v1 = 0;
        double[] mean = new double[4];
        for (double[] row : x) {
            for (int j = 0; j < 4; j++) {
                mean[j] += row[j] / x.length;
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < 4; j++) {
                total += (x[i][j] - mean[j]) * (x[i][j] - mean[j]);
            }
            kept += z[i][0] * z[i][0] + z[i][1] * z[i][1];
            v0 += z[i][0] * z[i][0];
            v1 += z[i][1] * z[i][1];
        }
        assertEquals(total, kept, 1e-9 * total);
        assertTrue(v0 >= v1);
        assertEquals(1, SvdCompressor.fit(x, 1).dimensions());
    }

    @Test
    void crossValidationUsesEveryRowOnceForTesting() {
        int[] seen = new int[7];
        double[][] x = new double[7][1];
        int[] y = new int[7];
        for (int i = 0; i < 7; i++) {
            x[i][0] = i;
        }
        double[] scores = CrossValidator.scores(x, y, new int[] {6, 5, 4, 3, 2, 1, 0}, 3, (tx, ty, vx, vy) -> {
            for (double[] row : vx) {
                seen[(int) row[0]]++;
            }
            assertEquals(7, tx.length + vx.length);
            return vx.length;
        });
        assertArrayEquals(new double[] {3, 2, 2}, scores);
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1}, seen);
        assertThrows(IllegalArgumentException.class, () -> CrossValidator.scores(x, y, new int[] {0, 1}, 3, (a, b, c, d) -> 0));
    }

    @Test
    void poolerMeansOrTakesTheFirstToken() {
        double[][] table = {{1, 2}, {3, 4}, {5, 0}};
        assertArrayEquals(new double[] {3, 1}, EmbeddingPooler.MEAN.pool(table, new int[] {0, 2}), 1e-15);
        assertArrayEquals(new double[] {3, 4}, EmbeddingPooler.FIRST.pool(table, new int[] {1, 0}), 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EmbeddingPooler.MEAN.pool(table, new int[] {3})).getMessage().contains("tokenIds"));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingPooler.MEAN.pool(new double[0][]));
    }

    private static double objective(LogisticRegressionProbe m, double c) {
        double[][] w = m.weights();
        double[] b = m.intercepts();
        double[] p = new double[9];
        for (int k = 0; k < 3; k++) {
            p[k * 3] = w[0][k];
            p[k * 3 + 1] = w[1][k];
            p[k * 3 + 2] = b[k];
        }
        return LogisticRegressionProbe.multinomial(p, new double[9], X, Y, 3, c);
    }

    private static double norm(double[][] w) {
        double s = 0;
        for (double[] row : w) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    private static void assertMatrix(double[][] expected, double[][] actual, double tol) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tol);
        }
    }
}
