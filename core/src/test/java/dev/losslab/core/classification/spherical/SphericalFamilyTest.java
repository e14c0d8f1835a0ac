package dev.losslab.core.classification.spherical;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 02 worked examples 1–2 for the dense spherical losses. */
class SphericalFamilyTest {

    @Test
    void zLossGolden() {
        Evaluation e = Evaluation.of(new ZLoss(1, 0), H, Y);
        assertClose(new double[] {0.23861606, 0.25969505, 1.11709854}, e.perSample(), 1e-8);
        assertClose(0.538469887333786, e.mean(), 1e-12);
        assertClose(new double[] {-0.03023009, -0.01278966, 0.01162696, 0.00348809, 0.02790470}, e.grad()[0], 1e-8);
        assertClose(new double[] {0.02264574, 0.02092061, 0.01056984, -0.03710397, -0.01703223}, e.grad()[1], 1e-8);
        assertClose(new double[] {0.05751634, -0.11251371, -0.00965603, 0.03652497, 0.02812843}, e.grad()[2], 1e-8);
        Evaluation e2 = Evaluation.of(new ZLoss(0.5, 1.5), H, Y);
        assertClose(new double[] {1.48291083, 1.53355003, 2.79025866}, e2.perSample(), 1e-8);
        assertClose(1.9355731744385745, e2.mean(), 1e-12);
        assertClose(new double[] {-0.07456033, -0.03154476, 0.02867705, 0.00860312, 0.06882492}, e2.grad()[0], 1e-8);
    }

    @Test
    void otherSphericalLossesGolden() {
        Evaluation mse = Evaluation.of(new SphericalMse(), H, Y);
        assertClose(new double[] {4.5, 4.3, 12.875}, mse.perSample(), 1e-12);
        assertClose(7.225, mse.mean(), 1e-12);
        assertClose(new double[] {0.66666667, -0.66666667, 0.33333333, 0, 1.0}, mse.grad()[0], 1e-8);
        Evaluation taylor = Evaluation.of(new LogTaylorSoftmax(), H, Y);
        assertClose(new double[] {0.85441533, 0.94363975, 3.0301337}, taylor.perSample(), 1e-8);
        assertClose(1.609396258568549, taylor.mean(), 1e-12);
        assertClose(new double[] {-0.11489362, 0, 0.04255319, 0.02836879, 0.07092199}, taylor.grad()[0], 1e-8);
        Evaluation sph = Evaluation.of(new LogSphericalSoftmax(0.01), H, Y);
        assertClose(new double[] {0.63275632, 1.51494707, 3.73812739}, sph.perSample(), 1e-8);
        assertClose(1.9619435933012987, sph.mean(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferencesAndStayFinite() {
        for (Objective o : new Objective[] {new ZLoss(1, 0), new ZLoss(0.5, 1.5), new SphericalMse(), new LogTaylorSoftmax(), new LogSphericalSoftmax(0.01)}) {
            Fixtures.assertGradientMatchesFiniteDifference(o, H, Y, 1e-6);
            Fixtures.assertFiniteAtExtremes(o);
        }
    }

    /** L_Z(α·o + β) = L_Z(o) for α &gt; 0 (spec 02 property). */
    @Property(tries = 30)
    void zLossIsShiftAndScaleInvariant(@ForAll @DoubleRange(min = 0.01, max = 100) double alpha, @ForAll @DoubleRange(min = -50, max = 50) double beta) {
        double[][] h = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            h[i] = java.util.Arrays.stream(H[i]).map(v -> alpha * v + beta).toArray();
        }
        assertClose(Evaluation.meanOf(new ZLoss(1, 0), H, Y), Evaluation.meanOf(new ZLoss(1, 0), h, Y), 1e-9);
    }

    /** For a one-hot-like output z_c reaches its bound sqrt(D − 1) = 2: L = softplus(b − 2) with a = 1. */
    @Test
    void zLossAtItsBound() {
        double v = Evaluation.meanOf(new ZLoss(1, 0), new double[][] {{5, 0, 0, 0, 0}}, new int[] {0});
        assertClose(Math.log1p(Math.exp(-2)), v, 1e-12);
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("a", assertThrows(InvalidArgumentException.class, () -> new ZLoss(0, 0)).argument());
        assertEquals("eps", assertThrows(InvalidArgumentException.class, () -> new LogSphericalSoftmax(0)).argument());
    }
}
