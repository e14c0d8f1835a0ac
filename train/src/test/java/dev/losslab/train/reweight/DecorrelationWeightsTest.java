package dev.losslab.train.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 55's worked examples (C, L, ∂L/∂w at two weightings, ESS, RFF values), invariances, and that learning drives L_dec down. */
class DecorrelationWeightsTest {
    static final double[][][] LINEAR = {{{1}, {2}, {3}, {4}}, {{1}, {3}, {2}, {5}}};
    static final int[] TWO_CLUSTERS = {0, 1};

    @Test
    void spec55LinearFeatures() {
        double[] uniform = DecorrelationWeights.lossAndGradient(LINEAR, TWO_CLUSTERS, new double[] {1, 1, 1, 1});
        assertEquals(1.890625, uniform[0], 1e-12);
        assertArrayEquals(new double[] {-2.921875, -4.8125, -4.984375, -2.40625}, java.util.Arrays.copyOfRange(uniform, 1, 5), 1e-12);
        double[] w = {0.5, 1.5, 1.5, 0.5};
        double[] skewed = DecorrelationWeights.lossAndGradient(LINEAR, TWO_CLUSTERS, w);
        assertEquals(0.31640625, skewed[0], 1e-12);
        assertArrayEquals(new double[] {-1.16015625, -1.8984375, -1.93359375, -0.84375}, java.util.Arrays.copyOfRange(skewed, 1, 5), 1e-12);
        assertEquals(3.2, DecorrelationWeights.effectiveSampleSize(w), 1e-12);
        assertEquals(4, DecorrelationWeights.effectiveSampleSize(new double[] {1, 1, 1, 1}), 1e-12);
    }

    /** The same cluster for both variables: nothing to decorrelate; shifting a variable's features changes nothing. */
    @Test
    void invariances() {
        assertEquals(0, DecorrelationWeights.lossAndGradient(LINEAR, new int[] {0, 0}, new double[] {1, 1, 1, 1})[0], 0);
        double[][][] shifted = {{{11}, {12}, {13}, {14}}, {{1}, {3}, {2}, {5}}};
        assertEquals(1.890625, DecorrelationWeights.lossAndGradient(shifted, TWO_CLUSTERS, new double[] {1, 1, 1, 1})[0], 1e-10);
        assertThrows(IllegalArgumentException.class, () -> DecorrelationWeights.lossAndGradient(new double[][][] {{{1}, {2}}, {{1}}}, TWO_CLUSTERS, new double[] {1, 1}));
    }

    @Test
    void fourierFeatures() {
        double[][][] a = DecorrelationWeights.randomFourierFeatures(new double[][] {{0.5}}, 3, 1);
        Random r = new Random(1);
        double omega = r.nextGaussian();
        double b = 2 * Math.PI * r.nextDouble();
        assertEquals(Math.sqrt(2) * Math.cos(omega * 0.5 + b), a[0][0][0], 1e-15);
        assertEquals(0.879089248, Math.sqrt(2) * Math.cos(1.2 * 0.5 + 0.3), 1e-9);
    }

    /** Adam on θ lowers L_dec of correlated variables by orders of magnitude; the weights keep mean 1. */
    @Test
    void learningDecorrelates() {
        Random r = new Random(4);
        double[][] z = new double[200][2];
        for (double[] row : z) {
            row[0] = r.nextGaussian();
            row[1] = 0.8 * row[0] + 0.6 * r.nextGaussian();
        }
        double[][][] a = DecorrelationWeights.randomFourierFeatures(z, 3, 9);
        double[] history = new double[301];
        double[] w = DecorrelationWeights.learn(a, TWO_CLUSTERS, 300, 0.05, history);
        assertTrue(history[300] < 0.05 * history[0], history[0] + " → " + history[300]);
        assertEquals(200, java.util.Arrays.stream(w).sum(), 1e-9);
    }
}
