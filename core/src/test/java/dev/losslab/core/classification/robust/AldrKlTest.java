package dev.losslab.core.classification.robust;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import org.junit.jupiter.api.Test;

/** Spec 09 worked example 3 (official ALDR form), the stored λ_i, and properties. */
class AldrKlTest {

    private static double[] call(AldrKl loss, NDManager m, double[][] grad0) {
        NDArray x = m.create(H);
        x.setRequiresGradient(true);
        Inputs in = Inputs.of("logits", x, "labels", m.create(Y)).with(InputNames.SAMPLE_IDS, m.create(new long[] {0, 1, 2}));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray per = loss.perSample(in);
            gc.backward(per.mean());
            if (grad0 != null) {
                grad0[0] = java.util.Arrays.copyOf(x.getGradient().toDoubleArray(), 5);
            }
            return per.toDoubleArray();
        }
    }

    @Test
    void officialFormGoldenAndSecondCall() {
        AldrKl loss = new AldrKl(10, 2, 0.1, ScoreNormalization.L1_MEAN);
        try (NDManager m = NDManager.newBaseManager()) {
            double[][] g = new double[1][];
            double[] per = call(loss, m, g);
            assertClose(new double[] {-1.26609145, -1.41682964, 1.07346049}, per, 1e-8);
            assertClose(-0.5364868661786929, (per[0] + per[1] + per[2]) / 3, 1e-12);
            assertClose(new double[] {-0.17166148, -0.02938976, 0.1517686, 0.06256452, 0.15869926}, g[0], 1e-8);
            assertClose(new double[] {9.98253099, 9.97562994, 9.97361215}, new double[] {loss.lambda(0), loss.lambda(1), loss.lambda(2)}, 1e-9);
            call(loss, m, null);
            assertClose(new double[] {9.98247032, 9.97551498, 9.97346811}, new double[] {loss.lambda(0), loss.lambda(1), loss.lambda(2)}, 1e-9);
        }
    }

    @Test
    void withoutSampleIdsItIsStatelessAndMatchesTheFirstCall() {
        AldrKl loss = new AldrKl(10, 2, 0.1, ScoreNormalization.L1_MEAN);
        Evaluation e = Evaluation.of(loss, H, Y);
        assertClose(-0.5364868661786929, e.mean(), 1e-12);
        assertEquals(10, loss.lambda(0));
        Fixtures.assertFiniteAtExtremes(new AldrKl(10, 2, 0.1, ScoreNormalization.L1_MEAN));
    }

    /**
     * λ_i carries no gradient (as in the official code), so the gradient of row i is that of
     * LDR-KL at λ = λ_i, whose gradient is checked against finite differences in LdrKlTest; the
     * finite-difference check here holds λ_i fixed by going through LDR-KL.
     */
    @Test
    void gradientIsLdrKlGradientAtTheAdaptedTemperature() {
        AldrKl loss = new AldrKl(1, 3, 0.5, ScoreNormalization.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(H);
            x.setRequiresGradient(true);
            Inputs in = Inputs.of("logits", x, "labels", m.create(Y)).with(InputNames.SAMPLE_IDS, m.create(new long[] {0, 1, 2}));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.perSample(in).mean());
            }
            double[] all = x.getGradient().toDoubleArray();
            for (int i = 0; i < 3; i++) {
                LdrKl fixed = new LdrKl(loss.lambda(i), 0.5, ScoreNormalization.NONE);
                double[][] row = {H[i]};
                int[] y = {Y[i]};
                double[] g = Evaluation.of(fixed, row, y).grad()[0];
                for (int k = 0; k < 5; k++) {
                    assertClose(g[k] / 3, all[i * 5 + k], 1e-10);
                }
                Fixtures.assertGradientMatchesFiniteDifference(fixed, row, y, 1e-6);
            }
        }
    }

    /** λ_i stays within [λ0(1 − 1/alpha), λ0], since 0 ≤ KL ≤ log K. */
    @Test
    void temperatureStaysInItsBounds() {
        AldrKl loss = new AldrKl(1, 2, 0.1, ScoreNormalization.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            for (int rep = 0; rep < 3; rep++) {
                call(loss, m, null);
            }
            for (long i = 0; i < 3; i++) {
                double l = loss.lambda(i);
                assertEquals(true, l >= 0.5 && l <= 1, "λ = " + l);
            }
        }
    }

    @Test
    void rejectsAlphaAtMostOne() {
        assertEquals("alpha", assertThrows(InvalidArgumentException.class, () -> new AldrKl(10, 1, 0.1, ScoreNormalization.NONE)).argument());
    }

    /** Example ids must be whole numbers: a fractional id would silently share another example's λ. */
    @Test
    void rejectsFractionalSampleIds() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(H), "labels", m.create(Y)).with(InputNames.SAMPLE_IDS, m.create(new double[] {0, 1.5, 2}));
            assertEquals(InputNames.SAMPLE_IDS, assertThrows(InvalidArgumentException.class,
                    () -> new AldrKl(10, 2, 0.1, ScoreNormalization.NONE).perSample(in)).argument());
            assertEquals(InputNames.SAMPLE_IDS, assertThrows(InvalidArgumentException.class, () -> new TruncatedGce(0.7, 0.5).perSample(in)).argument());
        }
    }
}
