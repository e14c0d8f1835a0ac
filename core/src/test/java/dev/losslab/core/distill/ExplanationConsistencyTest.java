package dev.losslab.core.distill;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 51's worked example (values and the gradient chained to a linear model's weights), invariances, bad input. */
class ExplanationConsistencyTest {
    static final double[][] X = {{1.0, -0.5, 2.0, 0.0}, {-1.0, 0.5, 1.0, 1.0}, {0.5, 1.5, -1.0, -2.0}};
    static final double[] P = {0.4, 0.3, 0.2, 0.1};

    static double[][] phi(double[] w, double scale) {
        double[][] f = new double[3][4];
        for (int n = 0; n < 3; n++) {
            for (int j = 0; j < 4; j++) {
                f[n][j] = scale * w[j] * X[n][j];
            }
        }
        return f;
    }

    /** KL and ∂KL/∂w through φ_nj = w_j·x_nj. */
    static double[] klAndWeightGradient(ExplanationConsistency loss, double[][] phi, double[] prior) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(phi);
            f.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(Map.of(InputNames.ATTRIBUTIONS, f, InputNames.PRIOR, m.create(prior)))).mean();
                gc.backward(mean);
                double[] g = f.getGradient().toDoubleArray();
                double[] out = new double[5];
                out[0] = mean.getDouble();
                for (int n = 0; n < 3; n++) {
                    for (int j = 0; j < 4; j++) {
                        out[1 + j] += g[n * 4 + j] * X[n][j];
                    }
                }
                return out;
            }
        }
    }

    @Test
    void spec51() {
        ExplanationConsistency loss = new ExplanationConsistency(0);
        double[] r1 = klAndWeightGradient(loss, phi(new double[] {0.8, 0.3, -0.1, 0.05}, 1), P);
        assertClose(0.0960841370, r1[0], 1e-9);
        assertArrayEquals(new double[] {0.25757576, -0.24242424, 0.78787879, -1.09090909}, java.util.Arrays.copyOfRange(r1, 1, 5), 1e-8);
        assertClose(0.0223479602, klAndWeightGradient(loss, phi(new double[] {0.5, 0.6, 0.2, -0.1}, 1), P)[0], 1e-9);
    }

    @Test
    void scaleAndSignInvarianceAndTheMinimum() {
        ExplanationConsistency loss = new ExplanationConsistency(0);
        double base = klAndWeightGradient(loss, phi(new double[] {0.8, 0.3, -0.1, 0.05}, 1), P)[0];
        assertClose(base, klAndWeightGradient(loss, phi(new double[] {0.8, 0.3, -0.1, 0.05}, -7.5), P)[0], 1e-12);
        assertClose(base, klAndWeightGradient(loss, phi(new double[] {-0.8, 0.3, 0.1, 0.05}, 1), P)[0], 1e-12);
        double[][] matching = {{0.4, 0.3, 0.2, 0.1}, {-0.4, 0.3, -0.2, 0.1}};
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(matching);
            assertEquals(0, loss.mean(Inputs.of(Map.of(InputNames.ATTRIBUTIONS, f, InputNames.PRIOR, m.create(P)))).getDouble(), 1e-15);
        }
    }

    @Test
    void finiteDifferencesOnTheWeights() {
        ExplanationConsistency loss = new ExplanationConsistency(1e-8);
        double[] w = {0.8, 0.3, -0.1, 0.05};
        double[] at = klAndWeightGradient(loss, phi(w, 1), P);
        for (int j = 0; j < 4; j++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            assertEquals((klAndWeightGradient(loss, phi(up, 1), P)[0] - klAndWeightGradient(loss, phi(down, 1), P)[0]) / 2e-6, at[1 + j], 1e-7, "weight " + j);
        }
    }

    @Test
    void badPriorNamesTheArgument() {
        ExplanationConsistency loss = new ExplanationConsistency(1e-8);
        assertEquals(InputNames.PRIOR, assertThrows(InvalidArgumentException.class,
                () -> klAndWeightGradient(loss, phi(new double[] {1, 1, 1, 1}, 1), new double[] {0.5, 0.5, 0.5, -0.5})).argument());
        assertEquals(InputNames.PRIOR, assertThrows(InvalidArgumentException.class,
                () -> klAndWeightGradient(loss, phi(new double[] {1, 1, 1, 1}, 1), new double[] {0.5, 0.5})).argument());
    }
}
