package dev.losslab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spec 32's toy: the error sequences, training predictions, eigenbasis formula, limit and oracle α. */
class SelfDistilledKrrTest {
    static final double[] Y = SinusoidToy.Y;
    static final double[][] X = SinusoidToy.X;
    static final double[][] GRID = SinusoidToy.GRID;

    static double error(SelfDistilledKrr krr, double[] coef) {
        return SinusoidToy.error(krr, coef);
    }

    @Test
    void spec32ErrorSequences() {
        SelfDistilledKrr krr = new SelfDistilledKrr(X, Y, 80, 0.2);
        double[][] a0 = krr.steps(0, 6);
        double[] expected0 = {0.16477, 0.15076, 0.14915, 0.15561, 0.16735, 0.18251};
        double[] expected35 = {0.16477, 0.15424, 0.15089, 0.14983, 0.14954, 0.14948};
        double[][] a35 = krr.steps(0.35, 6);
        for (int t = 0; t < 6; t++) {
            assertEquals(expected0[t], error(krr, a0[t]), 1e-5, "α = 0, step " + (t + 1));
            assertEquals(expected35[t], error(krr, a35[t]), 1e-5, "α = 0.35, step " + (t + 1));
        }
        assertEquals(0.49505, error(krr, krr.limit(0)), 1e-5);
        assertEquals(0.14959, error(krr, krr.limit(0.35)), 1e-5);
        assertEquals(0.15250, error(krr, krr.limit(0.25)), 1e-5);
    }

    @Test
    void trainingPredictionsEigenbasisAndOracleAlpha() {
        SelfDistilledKrr krr = new SelfDistilledKrr(X, Y, 80, 0.2);
        double[][] c = krr.steps(0.25, 3);
        double[][] expected = {{0.38203675, 1.08157461, 1.20015305}, {0.37273609, 0.98770536, 1.10381121}, {0.36278804, 0.92784207, 1.03696461}};
        for (int t = 0; t < 3; t++) {
            double[] fit = krr.evaluate(c[t], X);
            assertArrayEquals(expected[t], java.util.Arrays.copyOf(fit, 3), 1e-8);
            assertArrayEquals(fit, krr.trainingPredictionsByEigenbasis(0.25, t + 1), 1e-12);
        }
        double[] g = new double[GRID.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.sin(2 * Math.PI * GRID[i][0]);
        }
        double[] first = krr.steps(1, 1)[0];
        double a2 = krr.optimalAlpha(first, GRID, g);
        assertEquals(-0.62184, a2, 1e-5);
        double[] second = krr.step(first, a2);
        assertEquals(0.14834, error(krr, second), 1e-5);
        assertEquals(0.33036, krr.optimalAlpha(second, GRID, g), 1e-5);
        double[] one = krr.steps(1, 4)[3];
        assertArrayEquals(first, one, 1e-12);
    }
}
