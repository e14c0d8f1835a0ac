package dev.losslab.lab.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 07 worked examples and properties of the two linear probes. */
class LinearProbesTest {

    @Test
    void naiveBayesGolden() {
        double[][] x = {{1, 2}, {2, 1}, {1.5, 2.5}, {4, 0}, {5, 1}, {4.5, -0.5}};
        GaussianNaiveBayes nb = GaussianNaiveBayes.fit(x, new int[] {0, 0, 0, 1, 1, 1}, 2);
        assertArrayEquals(new double[] {1.5, 1.8333333333}, nb.means()[0], 1e-9);
        assertArrayEquals(new double[] {4.5, 0.1666666667}, nb.means()[1], 1e-9);
        assertArrayEquals(new double[] {0.1666666667, 0.3888888889}, nb.sharedVariance(), 1e-9);
        assertArrayEquals(new double[] {-1.47886146, -23.76457563}, nb.scores(new double[] {2, 2}), 1e-7);
        assertEquals(0, nb.predict(new double[] {2, 2}));
        GaussianNaiveBayes prior = GaussianNaiveBayes.fit(new double[][] {{0}, {1}, {2}, {10}, {12}}, new int[] {0, 0, 0, 1, 1}, 2);
        assertArrayEquals(new double[] {0.8}, prior.sharedVariance(), 1e-8);
        double[] s = prior.scores(new double[] {6});
        assertArrayEquals(new double[] {-16.1358256, -16.54129071}, s, 1e-6);
        assertEquals(Math.log(0.6 / 0.4), s[0] - s[1], 1e-9);
    }

    /** Fitting in two chunks equals fitting at once (a class may be absent from a chunk). */
    @Test
    void incrementalFitEqualsBatchFit() {
        Random r = new Random(1);
        double[][] x = new double[40][3];
        int[] y = new int[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i < 20 ? i % 2 : i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian() + y[i];
            }
        }
        GaussianNaiveBayes all = GaussianNaiveBayes.fit(x, y, 3);
        GaussianNaiveBayes parts = new GaussianNaiveBayes(3, 3);
        parts.partialFit(java.util.Arrays.copyOf(x, 20), java.util.Arrays.copyOf(y, 20));
        parts.partialFit(java.util.Arrays.copyOfRange(x, 20, 40), java.util.Arrays.copyOfRange(y, 20, 40));
        assertArrayEquals(all.sharedVariance(), parts.sharedVariance(), 1e-12);
        assertArrayEquals(all.scores(x[5]), parts.scores(x[5]), 1e-10);
    }

    /** NB's decision function is affine in x: score_0 − score_1 has constant second differences (zero). */
    @Property(tries = 20)
    void naiveBayesIsLinear(@ForAll @DoubleRange(min = -5, max = 5) double t) {
        double[][] x = {{1, 2}, {2, 1}, {1.5, 2.5}, {4, 0}, {5, 1}, {4.5, -0.5}};
        GaussianNaiveBayes nb = GaussianNaiveBayes.fit(x, new int[] {0, 0, 0, 1, 1, 1}, 2);
        double[] a = {t, 2 * t};
        double[] b = {t + 1, 2 * t - 1};
        double[] c = {t + 2, 2 * t - 2};
        double da = nb.scores(a)[0] - nb.scores(a)[1];
        double db = nb.scores(b)[0] - nb.scores(b)[1];
        double dc = nb.scores(c)[0] - nb.scores(c)[1];
        assertEquals(0, dc - 2 * db + da, 1e-8);
    }

    /** The analytic gradients of both LR objectives match central differences. */
    @Test
    void logisticGradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        double[][] x = new double[12][3];
        int[] y2 = new int[12];
        int[] y3 = new int[12];
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = r.nextGaussian();
            }
            y2[i] = i % 2;
            y3[i] = i % 3;
        }
        double[] p2 = {0.3, -0.2, 0.5, 0.1};
        double[] p3 = new double[12];
        for (int i = 0; i < 12; i++) {
            p3[i] = r.nextGaussian() * 0.3;
        }
        check(p2, (p, g) -> LogisticRegressionProbe.binary(p, g, x, y2, 1.0));
        check(p3, (p, g) -> LogisticRegressionProbe.multinomial(p, g, x, y3, 3, 0.7));
    }

    private static void check(double[] p, Lbfgs.Function f) {
        double[] g = new double[p.length];
        f.valueAndGradient(p, g);
        for (int i = 0; i < p.length; i++) {
            double[] a = p.clone();
            double[] b = p.clone();
            a[i] += 1e-6;
            b[i] -= 1e-6;
            double fd = (f.valueAndGradient(a, new double[p.length]) - f.valueAndGradient(b, new double[p.length])) / 2e-6;
            assertEquals(fd, g[i], 1e-6);
        }
    }

    /**
     * At the optimum the gradient vanishes, and K = 2 multinomial with C equals the binary form with
     * 2C (spec 07's second reading): both give the same decisions.
     */
    @Test
    void logisticConvergesAndBinaryMatchesMultinomial() {
        Random r = new Random(3);
        double[][] x = new double[60][4];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 4; j++) {
                x[i][j] = r.nextGaussian() + (y[i] == 1 ? 0.7 : -0.3);
            }
        }
        LogisticRegressionProbe binary = LogisticRegressionProbe.fit(x, y, 2, 2.0);
        double[] p = new double[10];
        Lbfgs.minimize((w, g) -> LogisticRegressionProbe.multinomial(w, g, x, y, 2, 1.0), p, 1e-8, 2000, 10);
        double[] grad = new double[10];
        LogisticRegressionProbe.multinomial(p, grad, x, y, 2, 1.0);
        assertTrue(Lbfgs.norm(grad) <= 1e-6, "gradient norm at the optimum " + Lbfgs.norm(grad));
        for (double[] row : x) {
            double[] s = binary.scores(row);
            double multi = (p[9] + dot(p, 5, row)) - (p[4] + dot(p, 0, row));
            assertEquals(multi, s[1] - s[0], 1e-5);
        }
    }

    private static double dot(double[] p, int offset, double[] x) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += p[offset + j] * x[j];
        }
        return s;
    }
}
