package dev.losslab.core.regression;

import static dev.losslab.core.Fixtures.assertClose;
import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.SUPPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 64 worked examples: HL-Gauss and two-hot targets, loss, gradient, prediction. */
class CategoricalRegressionTest {
    static final HistogramSupport SUPPORT = new HistogramSupport(-1, 1, 8);
    static final double[] LOGITS = {0, 0.5, 1, 2, 1.5, 0.2, -0.5, -1};

    private static double[] distribution(CategoricalRegressionObjective o, double y) {
        try (NDManager m = NDManager.newBaseManager()) {
            return o.targetDistribution(m.create(new double[] {y})).toDoubleArray();
        }
    }

    @Test
    void hlGaussTargetsGolden() {
        HlGauss hl = new HlGauss(SUPPORT, 0);
        assertEquals(0.1875, hl.sigma(), 1e-15);
        assertClose(new double[] {2.90078315e-6, 6.84235478e-4, 3.02869619e-2, 2.65927564e-1, 4.91243564e-1, 1.95406858e-1, 1.61852312e-2, 2.62684346e-4},
                distribution(hl, 0.1), 1e-9);
        assertClose(new double[] {7.38939422e-1, 2.44153423e-1, 1.66847837e-2, 2.21825329e-4, 5.45752675e-7, 2.40644500e-10, 1.866e-14, 0},
                distribution(hl, -0.93), 1e-9);
        assertClose(0.991731568, distribution(hl, 1.5)[7], 1e-9);
    }

    @Test
    void lossGradientAndPredictionGolden() {
        HlGauss hl = new HlGauss(SUPPORT, 0);
        TwoHot twoHot = new TwoHot(-0.875, 0.875, 8);
        assertClose(new double[] {0, 0, 0, 0.1, 0.9, 0, 0, 0}, distribution(twoHot, 0.1), 1e-12);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[][] {LOGITS});
            x.setRequiresGradient(true);
            NDArray y = m.create(new double[] {0.1});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = hl.mean(Inputs.of("logits", x, "targets", y));
                gc.backward(loss);
                assertClose(1.6369259, loss.getDouble(), 1e-7);
            }
            assertClose(new double[] {0.05145447, 0.08415463, 0.10958868, 0.11429385, -0.26062762, -0.13255668, 0.01502524, 0.01866743},
                    x.getGradient().toDoubleArray(), 1e-8);
            assertClose(-0.10956433, hl.predict(x).getDouble(), 1e-8);
            assertClose(1.41700153, twoHot.mean(Inputs.of("logits", m.create(new double[][] {LOGITS}), "targets", y)).getDouble(), 1e-8);
        }
    }

    /** Rows of p sum to 1; two-hot's round trip toProbabilities → fromProbabilities is the clipped target, for any target. */
    @Property(tries = 50)
    void distributionsAreNormalisedAndTwoHotIsExact(@ForAll @DoubleRange(min = -5, max = 5) double y) {
        TwoHot twoHot = new TwoHot(-2, 2, 51);
        HlGauss hl = new HlGauss(new HistogramSupport(-2, 2, 51), 0);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray target = m.create(new double[] {y});
            NDArray pTwoHot = twoHot.toProbabilities(target);
            double[] p = pTwoHot.toDoubleArray();
            double[] q = hl.toProbabilities(target).toDoubleArray();
            assertEquals(Math.max(-2, Math.min(2, y)), twoHot.fromProbabilities(pTwoHot).getDouble(), 1e-12);
            assertEquals(1, java.util.Arrays.stream(p).sum(), 1e-12);
            assertEquals(1, java.util.Arrays.stream(q).sum(), 1e-12);
            // far outside the support: finite loss thanks to clipping
            NDArray logits = m.zeros(new ai.djl.ndarray.types.Shape(1, 51), ai.djl.ndarray.types.DataType.FLOAT64);
            double v = hl.mean(Inputs.of("logits", logits, "targets", m.create(new double[] {y * 100}))).getDouble();
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void gradientRowsSumToZeroAndMatchFiniteDifferences() {
        HlGauss hl = new HlGauss(SUPPORT, 0.3);
        double[] y = {0.1, -0.7};
        double[][] logits = {LOGITS, {1, -1, 0.5, 0.2, 0.1, 0, 3, 4}};
        double[] auto;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(hl.mean(Inputs.of("logits", x, "targets", m.create(y))));
            }
            auto = x.getGradient().toDoubleArray();
            assertEquals(0, java.util.Arrays.stream(auto, 0, 8).sum(), 1e-12);
            NDArray extreme = m.create(new double[][] {{1e4, -1e4, 0, 0, 0, 0, 0, 1e4}});
            extreme.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = hl.mean(Inputs.of("logits", extreme, "targets", m.create(new double[] {0.2})));
                gc.backward(l);
                assertTrue(Double.isFinite(l.getDouble()));
            }
            assertTrue(java.util.Arrays.stream(extreme.getGradient().toDoubleArray()).allMatch(Double::isFinite));
            for (int k = 0; k < 8; k++) {
                double[][] a = {LOGITS.clone(), logits[1]};
                double[][] b = {LOGITS.clone(), logits[1]};
                a[0][k] += 1e-6;
                b[0][k] -= 1e-6;
                double fd = (hl.mean(Inputs.of("logits", m.create(a), "targets", m.create(y))).getDouble()
                        - hl.mean(Inputs.of("logits", m.create(b), "targets", m.create(y))).getDouble()) / 2e-6;
                assertEquals(fd, auto[k], 1e-7);
            }
        }
    }

    @Test
    void badInputsNameTheArgument() {
        try (NDManager m = NDManager.newBaseManager()) {
            HlGauss hl = new HlGauss(SUPPORT, 0);
            Inputs wrongBins = Inputs.of("logits", m.create(new double[][] {{1, 2, 3}}), "targets", m.create(new double[] {0}));
            assertEquals("logits", assertThrows(InvalidArgumentException.class, () -> hl.mean(wrongBins)).argument());
            Inputs nan = Inputs.of("logits", m.create(new double[][] {LOGITS}), "targets", m.create(new double[] {Double.NaN}));
            assertEquals("targets", assertThrows(InvalidArgumentException.class, () -> hl.mean(nan)).argument());
        }
        assertEquals("bins", assertThrows(InvalidArgumentException.class, () -> new HistogramSupport(0, 1, 1)).argument());
        assertEquals("v_max", assertThrows(InvalidArgumentException.class, () -> new TwoHot(1, 0, 5)).argument());
        assertEquals("sigma", assertThrows(InvalidArgumentException.class, () -> new HlGauss(SUPPORT, -1)).argument());
    }
}
