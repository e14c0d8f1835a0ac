package dev.losslab.core.classification.softmax;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.Inputs;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 44 worked examples 1–2: StableMax cross-entropy and the Softmax Collapse monitor. */
class StableMaxTest {

    @Test
    void stableMaxGolden() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = StableMaxCrossEntropy.s(m.create(H));
            assertClose(new double[] {3, 0.5, 1.5, 1, 2.5}, java.util.Arrays.copyOf(s.toDoubleArray(), 5), 1e-15);
        }
        Evaluation e = Evaluation.of(new StableMaxCrossEntropy(), H, Y);
        assertClose(new double[] {1.04145387, 0.9892967, 2.50552594}, e.perSample(), 1e-8);
        assertClose(1.512092171976574, e.mean(), 1e-12);
        assertClose(new double[] {-0.07189542, 0.00980392, 0.03921569, 0.03921569, 0.03921569}, e.grad()[0], 1e-8);
        assertClose(new double[] {0.01020408, -0.20408163, 0.04081633, 0.04081633, 0.04081633}, e.grad()[2], 1e-8);
        Fixtures.assertGradientMatchesFiniteDifference(new StableMaxCrossEntropy(), H, Y, 1e-6);
        Fixtures.assertFiniteAtExtremes(new StableMaxCrossEntropy());
    }

    /** Float32 logits: computed in float64 and the gradient still reaches the float32 input. */
    @Test
    void float32LogitsGetTheFloat64Gradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(H).toType(DataType.FLOAT32, false);
            x.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray loss = new StableMaxCrossEntropy().mean(Inputs.of("logits", x, "labels", m.create(Y)));
                assertEquals(DataType.FLOAT32, loss.getDataType());
                assertClose(1.512092171976574, loss.getFloat(), 1e-6);
                gc.backward(loss);
            }
            float[] g = x.getGradient().toFloatArray();
            assertClose(new double[] {-0.07189542, 0.00980392, 0.03921569, 0.03921569, 0.03921569},
                    new double[] {g[0], g[1], g[2], g[3], g[4]}, 1e-6);
        }
    }

    @Test
    void softmaxCollapseGolden() {
        double[][] z = {{0, -20, -30}, {0, -120, -130}, {40, 0, 0}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(z);
            NDArray y = m.create(new int[] {0, 0, 0});
            assertEquals(new SoftmaxCollapse(1, 1), SoftmaxCollapse.measure(x, y, DataType.FLOAT32));
            assertEquals(new SoftmaxCollapse(1, 1), SoftmaxCollapse.measure(x, y, DataType.FLOAT16));
            assertEquals(new SoftmaxCollapse(2 / 3.0, 2 / 3.0), SoftmaxCollapse.measure(x, y, DataType.FLOAT64));
            double[] stable = new StableMaxCrossEntropy().perSample(Inputs.of("logits", x, "labels", y)).toDoubleArray();
            assertClose(new double[] {0.07684725, 0.015773, 0.04762805}, stable, 1e-7);
            assertEquals(new SoftmaxCollapse(0, 0), SoftmaxCollapse.measureStableMax(x, y, DataType.FLOAT32));
            NDArray huge = m.create(new float[][] {{1e9f, -1e9f, -1e9f}});
            assertEquals(1, SoftmaxCollapse.measureStableMax(huge, m.create(new int[] {0}), DataType.FLOAT32).collapsedFraction());
        }
    }

    /**
     * Spec 44 example 2 for the precision-specific cross-entropy: float16 and float32 give ℓ = 0
     * for all three collapsed rows, float64 gives [2.06124717e−9, 0, 0]; the correct-class
     * gradient component p_y − 1 of the first row is exactly 0 in float16/float32 and survives in
     * float64.
     */
    @Test
    void precisionCrossEntropyGolden() {
        double[][] z = {{0, -20, -30}, {0, -120, -130}, {40, 0, 0}};
        int[] y = {0, 0, 0};
        for (Precision low : new Precision[] {Precision.FLOAT16, Precision.FLOAT32}) {
            Evaluation e = Evaluation.of(new CrossEntropy(low), z, y);
            assertClose(new double[] {0, 0, 0}, e.perSample(), 0);
            assertEquals(0, e.grad()[0][0], low + ": p_y rounds to 1");
        }
        Evaluation e64 = Evaluation.of(new CrossEntropy(Precision.FLOAT64), z, y);
        assertClose(new double[] {2.06124717e-9, 0, 0}, e64.perSample(), 1e-15);
        assertTrue(e64.grad()[0][0] < 0 && e64.grad()[0][1] > 0, "float64 keeps the collapsed row's gradient");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[][] {{0, -20, -30}});
            x.setRequiresGradient(true);
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray loss = new CrossEntropy(Precision.FLOAT64).mean(Inputs.of("logits", x, "labels", m.create(new int[] {0})));
                assertEquals(DataType.FLOAT32, loss.getDataType());
                gc.backward(loss);
            }
            assertTrue(x.getGradient().toFloatArray()[1] > 0, "float32 logits get a nonzero float64-computed gradient");
        }
    }

    /** On ordinary logits every precision agrees with the default to its rounding, and float64 passes the FD check. */
    @Test
    void precisionCrossEntropyAgreesAwayFromCollapse() {
        double ce = Evaluation.meanOf(new CrossEntropy(), H, Y);
        assertClose(ce, Evaluation.meanOf(new CrossEntropy(Precision.FLOAT64), H, Y), 1e-15);
        assertClose(ce, Evaluation.meanOf(new CrossEntropy(Precision.FLOAT32), H, Y), 1e-6);
        assertClose(ce, Evaluation.meanOf(new CrossEntropy(Precision.FLOAT16), H, Y), 3e-3);
        assertClose(Evaluation.of(new CrossEntropy(), H, Y).grad()[2], Evaluation.of(new CrossEntropy(Precision.FLOAT32), H, Y).grad()[2], 1e-6);
        Fixtures.assertGradientMatchesFiniteDifference(new CrossEntropy(Precision.FLOAT64), H, Y, 1e-7);
        Fixtures.assertFiniteAtExtremes(new CrossEntropy(Precision.FLOAT32));
        Fixtures.assertFiniteAtExtremes(new CrossEntropy(Precision.FLOAT16));
    }

    /** s is positive, continuous and C¹ at 0; StableMax-CE is never exactly 0. */
    @Property(tries = 50)
    void sIsPositiveAndTheLossNeverZero(@ForAll @DoubleRange(min = -1e6, max = 1e6) double v) {
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(StableMaxCrossEntropy.s(m.create(new double[] {v})).getDouble() > 0);
        }
        assertTrue(Evaluation.meanOf(new StableMaxCrossEntropy(), new double[][] {{v, 0, -v}}, new int[] {v >= 0 ? 0 : 2}) > 0);
    }
}
