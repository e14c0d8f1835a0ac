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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec 04 worked examples, gradients and properties. */
class CompSumTest {

    @Test
    void sumExponentialGolden() {
        Evaluation e = Evaluation.of(new CompSum(0), H, Y);
        assertClose(new double[] {1.01478317, 1.12407799, 39.32932559}, e.perSample(), 1e-8);
        assertClose(13.822728916781605, e.mean(), 1e-12);
        assertClose(new double[] {0.20217689, -13.1097752, 11.03848399, 0.70566667, 1.16344765}, e.grad()[2], 1e-8);
    }

    @Test
    void tauHalfGolden() {
        Evaluation e = Evaluation.of(new CompSum(0.5), H, Y);
        assertClose(new double[] {0.83886116, 0.91484338, 10.70107485}, e.perSample(), 1e-8);
        assertClose(4.151593131225163, e.mean(), 1e-12);
        assertClose(new double[] {-0.23830757, 0.01169179, 0.05239898, 0.03178159, 0.14243521}, e.grad()[0], 1e-8);
    }

    @Test
    void crossEntropyGoldenAndContinuity() {
        Evaluation e = Evaluation.of(new CompSum(1), H, Y);
        assertClose(new double[] {0.70051158, 0.75333782, 3.69707889}, e.perSample(), 1e-8);
        assertClose(1.71697609612589, e.mean(), 1e-12);
        assertClose(new double[] {-0.16788956, 0.00823696, 0.0369155, 0.02239038, 0.10034672}, e.grad()[0], 1e-8);
        assertClose(new double[] {0.70051156, 0.75333779, 3.6970782}, Evaluation.of(new CompSum(1 + 1e-7), H, Y).perSample(), 1e-8);
    }

    @Test
    void gceAndMaeGolden() {
        Evaluation gce = Evaluation.of(new CompSum(1.5), H, Y);
        assertClose(new double[] {0.59098428, 0.62771358, 1.68506602}, gce.perSample(), 1e-8);
        assertClose(0.9679212937992606, gce.mean(), 1e-12);
        Evaluation mae = Evaluation.of(new CompSum(2), H, Y);
        assertClose(new double[] {0.50366868, 0.52920749, 0.97520415}, mae.perSample(), 1e-8);
        assertClose(0.6693601054624537, mae.mean(), 1e-12);
        assertClose(new double[] {0.03319726, 0.03003812, 0.01648527, -0.08304897, 0.00332832}, mae.grad()[1], 1e-8);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1, 1.5, 2, 3})
    void gradientMatchesFiniteDifferences(double tau) {
        Fixtures.assertGradientMatchesFiniteDifference(new CompSum(tau), H, Y, 1e-6);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.5, 1, 2})
    void finiteAtExtremeLogits(double tau) {
        Fixtures.assertFiniteAtExtremes(new CompSum(tau));
    }

    @Test
    void sumExponentialEqualsItsDefinition() {
        double expected = 0;
        for (int i = 0; i < H.length; i++) {
            for (int k = 0; k < H[i].length; k++) {
                if (k != Y[i]) {
                    expected += Math.exp(H[i][k] - H[i][Y[i]]);
                }
            }
        }
        assertClose(expected / H.length, Evaluation.meanOf(new CompSum(0), H, Y), 1e-12);
    }

    /** ∂ℓ/∂h = p_y^{τ−1}(p − e_y): every gradient row sums to zero, for every τ. */
    @Property(tries = 30)
    void gradientRowsSumToZero(@ForAll @DoubleRange(min = 0, max = 3) double tau) {
        for (double[] row : Evaluation.of(new CompSum(tau), H, Y).grad()) {
            double s = 0;
            for (double g : row) {
                s += g;
            }
            assertEquals(0, s, 1e-12);
        }
    }

    /** τ → 1 converges to cross-entropy, and the loss is invariant to adding a constant to all logits. */
    @Property(tries = 30)
    void continuousAtOneAndShiftInvariant(@ForAll @DoubleRange(min = -50, max = 50) double shift) {
        double ce = Evaluation.meanOf(new CrossEntropy(), H, Y);
        assertClose(ce, Evaluation.meanOf(new CompSum(1 + 1e-9), H, Y), 1e-8);
        double[][] shifted = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            shifted[i] = java.util.Arrays.stream(H[i]).map(v -> v + shift).toArray();
        }
        assertClose(Evaluation.meanOf(new CompSum(0.5), H, Y), Evaluation.meanOf(new CompSum(0.5), shifted, Y), 1e-9);
    }

    @Test
    void rejectsNegativeTau() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new CompSum(-0.1));
        assertEquals("tau", e.argument());
    }
}
