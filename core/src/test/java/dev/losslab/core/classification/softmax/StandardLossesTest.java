package dev.losslab.core.classification.softmax;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InvalidArgumentException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy, label smoothing and focal loss. Expected values were computed independently with
 * numpy in float64 (direct formulas; gradients by central differences).
 */
class StandardLossesTest {

    @Test
    void labelSmoothingGolden() {
        Evaluation e = Evaluation.of(new LabelSmoothing(0.1), H, Y);
        assertClose(new double[] {0.840511582395, 0.879337819466, 3.597078886516}, e.perSample(), 1e-10);
        assertClose(1.772309429459223, e.mean(), 1e-12);
        assertClose(new double[] {-0.141222891825, 0.001570294006, 0.030248829219, 0.015723713442, 0.093680055269}, e.grad()[0], 1e-8);
    }

    @Test
    void focalGolden() {
        Evaluation g2 = Evaluation.of(new Focal(2), H, Y);
        assertClose(new double[] {0.177707273616, 0.210980219715, 3.516007533504}, g2.perSample(), 1e-10);
        assertClose(1.3015650089450634, g2.mean(), 1e-12);
        assertClose(new double[] {-0.10139170592, 0.004974457513, 0.022293972002, 0.013521977427, 0.060601298979}, g2.grad()[0], 1e-8);
        Evaluation half = Evaluation.of(new Focal(0.5), H, Y);
        assertClose(1.56537782586239, half.mean(), 1e-12);
        assertClose(new double[] {0.005183291574, -0.336100672405, 0.28299813204, 0.018091465215, 0.029827783576}, half.grad()[2], 1e-8);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Fixtures.assertGradientMatchesFiniteDifference(new CrossEntropy(), H, Y, 1e-7);
        Fixtures.assertGradientMatchesFiniteDifference(new LabelSmoothing(0.3), H, Y, 1e-7);
        Fixtures.assertGradientMatchesFiniteDifference(new Focal(2), H, Y, 1e-7);
        Fixtures.assertGradientMatchesFiniteDifference(new Focal(0.5), H, Y, 1e-7);
    }

    @Test
    void finiteAtExtremeLogits() {
        Fixtures.assertFiniteAtExtremes(new CrossEntropy());
        Fixtures.assertFiniteAtExtremes(new LabelSmoothing(0.1));
        Fixtures.assertFiniteAtExtremes(new Focal(0.5));
        Fixtures.assertFiniteAtExtremes(new Focal(2));
    }

    /** smoothing = 0 and gamma = 0 are both cross-entropy, for any logit scale. */
    @Property(tries = 20)
    void limitsAreCrossEntropy(@ForAll @DoubleRange(min = 0.01, max = 30) double scale) {
        double[][] h = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            h[i] = java.util.Arrays.stream(H[i]).map(v -> v * scale).toArray();
        }
        double ce = Evaluation.meanOf(new CrossEntropy(), h, Y);
        assertClose(ce, Evaluation.meanOf(new LabelSmoothing(0), h, Y), 1e-12);
        assertClose(ce, Evaluation.meanOf(new Focal(0), h, Y), 1e-12);
        assertClose(ce, Evaluation.meanOf(new CompSum(1), h, Y), 1e-12);
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("smoothing", assertThrows(InvalidArgumentException.class, () -> new LabelSmoothing(1.5)).argument());
        assertEquals("gamma", assertThrows(InvalidArgumentException.class, () -> new Focal(-1)).argument());
    }
}
