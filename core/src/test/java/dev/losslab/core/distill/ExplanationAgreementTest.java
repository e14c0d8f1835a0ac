package dev.losslab.core.distill;

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 51's L_cons of two linear models, its gradient, scale and order invariance, zero at agreement, bad input. */
class ExplanationAgreementTest {
    static final double[][] X = {{1.0, -0.5, 2.0, 0.0}, {-1.0, 0.5, 1.0, 1.0}, {0.5, 1.5, -1.0, -2.0}};
    static final double[][] W = {{0.8, 0.3, -0.1, 0.05}, {0.5, 0.6, 0.2, -0.1}};

    static double[][][] attributions(double[][] w) {
        double[][][] phi = new double[w.length][X.length][4];
        for (int m = 0; m < w.length; m++) {
            for (int n = 0; n < X.length; n++) {
                for (int j = 0; j < 4; j++) {
                    phi[m][n][j] = X[n][j] * w[m][j];
                }
            }
        }
        return phi;
    }

    static double[][] eval(ExplanationAgreement loss, double[][][] phi) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = create(m, phi);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(Map.of(InputNames.ATTRIBUTIONS, a))).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, a.getGradient().toDoubleArray()};
            }
        }
    }

    static NDArray create(NDManager m, double[][][] a) {
        double[] flat = java.util.Arrays.stream(a).flatMap(java.util.Arrays::stream).flatMapToDouble(java.util.Arrays::stream).toArray();
        return m.create(flat, new ai.djl.ndarray.types.Shape(a.length, a[0].length, a[0][0].length));
    }

    @Test
    void spec51() {
        assertEquals(0.163646759, eval(new ExplanationAgreement(0), attributions(W))[0][0], 1e-9);
        double[] expected = {0.139772211, 0.215034166, 0.215034159, 0.0, -0.139772211, -0.215034166, 0.215034159, -0.215034133, 0.139772212, -0.215034166,
                -0.215034159, 0.215034133, -0.214567663, -0.103157532, 0.103157529, 0.0, 0.214567663, 0.103157532, 0.103157529, -0.103157516, -0.214567663,
                0.103157532, -0.103157529, 0.103157516};
        assertArrayEquals(expected, eval(new ExplanationAgreement(1e-8), attributions(W))[1], 1e-7);
    }

    /** Rescaling one model's attributions or swapping the models changes nothing; identical distributions give 0. */
    @Property(tries = 20)
    void invariances(@ForAll @DoubleRange(min = 0.05, max = 20) double c) {
        ExplanationAgreement loss = new ExplanationAgreement(0);
        double base = eval(loss, attributions(W))[0][0];
        double[][] scaled = {W[0], {c * W[1][0], -c * W[1][1], c * W[1][2], c * W[1][3]}};
        assertEquals(base, eval(loss, attributions(scaled))[0][0], 1e-12);
        assertEquals(base, eval(loss, attributions(new double[][] {W[1], W[0]}))[0][0], 1e-12);
        assertEquals(0, eval(loss, attributions(new double[][] {W[0], {c * W[0][0], c * W[0][1], -c * W[0][2], c * W[0][3]}}))[0][0], 1e-12);
    }

    /** Three models: the sum over the three pairs. */
    @Test
    void threeModelsSumThePairs() {
        double[][] w3 = {W[0], W[1], {0.1, -0.2, 0.9, 0.3}};
        ExplanationAgreement loss = new ExplanationAgreement(1e-8);
        double pairs = eval(loss, attributions(new double[][] {w3[0], w3[1]}))[0][0] + eval(loss, attributions(new double[][] {w3[0], w3[2]}))[0][0]
                + eval(loss, attributions(new double[][] {w3[1], w3[2]}))[0][0];
        assertEquals(pairs, eval(loss, attributions(w3))[0][0], 1e-12);
    }

    @Test
    void badInputIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> new ExplanationAgreement(0).perSample(Inputs.of(Map.of(InputNames.ATTRIBUTIONS, m.create(X)))));
            assertEquals(InputNames.ATTRIBUTIONS, e.argument());
            assertThrows(InvalidArgumentException.class, () -> new ExplanationAgreement(0)
                    .perSample(Inputs.of(Map.of(InputNames.ATTRIBUTIONS, create(m, new double[][][] {{{1, Double.NaN}}, {{1, 2}}})))));
        }
    }
}
