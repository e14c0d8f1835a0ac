package dev.losslab.core.classification.binary;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Paper 13's binary baselines and EnsLoss (spec 13 worked examples). */
class BinaryLossesTest {
    static final double[] F = {0.5, -1.2, 2.0, 0.1, 3.0, -0.3};
    static final int[] T = {1, 0, 1, 1, 0, 0};

    /** Mean, per-sample values and d(mean)/df in float64. */
    record Result(double mean, double[] per, double[] grad) {}

    static Result eval(Objective o, double[] f, int[] t) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(f);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = o.perSample(Inputs.of("logits", x, "labels", m.create(t)));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), x.getGradient().toDoubleArray());
            }
        }
    }

    static double[] finiteDifference(Objective o, double[] f, int[] t) {
        double[] g = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            double[] a = f.clone();
            double[] b = f.clone();
            a[i] += 1e-6;
            b[i] -= 1e-6;
            g[i] = (eval(o, a, t).mean() - eval(o, b, t).mean()) / 2e-6;
        }
        return g;
    }

    /** Values and gradients computed independently with numpy (float64, central differences). */
    @Test
    void fixedLossesGolden() {
        Result logistic = eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), F, T);
        assertClose(new double[] {0.47407698, 0.26328247, 0.12692801, 0.64439666, 3.04858735, 0.55435524}, logistic.per(), 1e-8);
        assertClose(0.8519377864461585, logistic.mean(), 1e-12);
        assertClose(new double[] {-0.06292344, 0.0385792, -0.01986715, -0.07917014, 0.15876235, 0.07092625}, logistic.grad(), 1e-8);
        Result hinge = eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.HINGE), F, T);
        assertClose(1.0166666666666668, hinge.mean(), 1e-12);
        assertClose(new double[] {-1 / 6.0, 0, 0, -1 / 6.0, 1 / 6.0, 1 / 6.0}, hinge.grad(), 1e-12);
        Result exp = eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.EXPONENTIAL), F, T);
        assertClose(3.7957087861277987, exp.mean(), 1e-12);
        assertClose(new double[] {-0.10108844, 0.05019904, -0.02255588, -0.15080624, 3.34758949, 0.1234697}, exp.grad(), 1e-8);
        Result focal = eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, 2), F, T);
        assertClose(0.515927064397785, focal.mean(), 1e-12);
        assertClose(new double[] {-0.0229895, 0.00568093, -0.00081182, -0.04330915, 0.18779165, 0.03206807}, focal.grad(), 1e-8);
        assertClose(0.7071611047759833, eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, 0.5), F, T).mean(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferencesAndStayFinite() {
        for (Objective o : new Objective[] {new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), new BinaryMarginLoss(BinaryMarginLoss.Kind.EXPONENTIAL),
            new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, 2), new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, 0.5)}) {
            assertClose(finiteDifference(o, F, T), eval(o, F, T).grad(), 1e-7);
            Result r = eval(o, new double[] {1e4, -1e4, 1e4, -1e4}, new int[] {1, 1, 0, 0});
            assertTrue(Double.isFinite(r.mean()) && java.util.Arrays.stream(r.grad()).allMatch(Double::isFinite), o.name());
        }
    }

    /** Focal with gamma = 0 is the logistic loss, for any scores. */
    @Property(tries = 20)
    void focalGammaZeroIsLogistic(@ForAll @DoubleRange(min = -30, max = 30) double s) {
        double[] f = {s, -s, s / 2};
        int[] t = {1, 1, 0};
        assertClose(eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), f, t).mean(),
                eval(new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, 0), f, t).mean(), 1e-12);
    }

    @Test
    void ensLossGoldenWithInjectedDraws() {
        double[] z = {0.5, -1.2, 2.0, 0.1, 3.0, -0.3};
        double[] xi = {-0.5, -1.0, 0.2, -2.0, -0.1, 0.4};
        assertClose(new double[] {-0.60653166, -1.000001, -0.18394072, -0.90483842, -0.04511276, -1.000001}, EnsLoss.derivatives(z, xi, 0), 1e-8);
        assertClose(new double[] {-0.562501, -1.000001, -0.125001, -0.902501, -1.0e-6, -1.000001}, EnsLoss.derivatives(z, xi, 0.5), 1e-8);
        assertClose(new double[] {-0.640001, -1.000001, -0.22222322, -0.90703048, -0.08333433, -1.000001}, EnsLoss.derivatives(z, xi, -0.5), 1e-8);
        // Labels all 1, so the margins are the scores: surrogate (1/6) Σ g_i z_i and gradient g_i/6.
        Result r = eval(new EnsLoss(0, n -> xi.clone()), z, new int[] {1, 1, 1, 1, 1, 1});
        assertClose(0.10050535065533865, r.mean(), 1e-12);
        double[] g = EnsLoss.derivatives(z, xi, 0);
        for (int i = 0; i < 6; i++) {
            assertClose(g[i] / 6, r.grad()[i], 1e-12);
        }
    }

    /** 1,000 random batches: g &lt; 0, non-decreasing in z, ≥ −1 − 1e-6, and |g| ≤ 1/z + 1e-6 for z &gt; 1 (spec 13). */
    @Test
    void ensLossDerivativesAreCalibratedOnRandomBatches() {
        Random r = new Random(0);
        for (int batch = 0; batch < 1000; batch++) {
            double[] z = new double[64];
            double[] xi = new double[64];
            for (int i = 0; i < 64; i++) {
                z[i] = r.nextGaussian() * 2;
                xi[i] = r.nextGaussian();
            }
            double lambda = batch % 3 == 0 ? 0 : r.nextDouble() * 2 - 1;
            double[] g = EnsLoss.derivatives(z, xi, lambda);
            Integer[] order = java.util.stream.IntStream.range(0, 64).boxed().sorted(java.util.Comparator.comparingDouble(i -> z[i])).toArray(Integer[]::new);
            for (int k = 0; k < 64; k++) {
                int i = order[k];
                assertTrue(g[i] < 0 && g[i] >= -1 - 1e-6);
                if (k > 0) {
                    assertTrue(g[i] >= g[order[k - 1]] - 1e-15, "non-decreasing");
                }
                if (z[i] > 1) {
                    assertTrue(Math.abs(g[i]) <= 1 / z[i] + 1e-6);
                }
            }
        }
    }

    @Test
    void labelsMustBeZeroOrOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(new double[] {1, 2}), "labels", m.create(new double[] {1, -1}));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new BinaryMarginLoss(BinaryMarginLoss.Kind.HINGE).perSample(in));
            assertEquals("labels", e.argument());
            Inputs matrix = Inputs.of("logits", m.create(new double[][] {{1, 2}}), "labels", m.create(new double[] {1}));
            assertEquals("logits", assertThrows(InvalidArgumentException.class, () -> new BinaryMarginLoss(BinaryMarginLoss.Kind.HINGE).perSample(matrix)).argument());
        }
    }
}
