package dev.losslab.core.classification.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * Spec 54's table (loss, KL, dL/dτ at τ = 0.5, 1, 2), the optimum τ* = 0.805035 with its primal value,
 * ∂ℓ/∂h = softmax(h/τ) − onehot, finite differences, convexity in τ at the optimum, extremes, bad input.
 */
class DroTemperatureCrossEntropyTest {
    static final double[] H = {2.0, 1.0, 0.5, -1.0};

    /** {loss, dL/dτ, dL/dh...} for one sample. */
    static double[] eval(double rho, double[] h, double tau, long label) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new double[][] {h});
            NDArray t = m.create(new double[] {tau});
            logits.setRequiresGradient(true);
            t.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new DroTemperatureCrossEntropy(rho).perSample(Inputs.of(Map.of(InputNames.LOGITS, logits, InputNames.TEMPERATURES, t,
                        InputNames.LABELS, m.create(new long[] {label})))).mean();
                gc.backward(l);
                double[] g = logits.getGradient().toDoubleArray();
                double[] out = new double[2 + g.length];
                out[0] = l.getDouble();
                out[1] = t.getGradient().getDouble();
                System.arraycopy(g, 0, out, 2, g.length);
                return out;
            }
        }
    }

    @Test
    void spec54Table() {
        double[][] rows = {{0.5, -0.357179484, 0.848154959, -0.348154959}, {1.0, -0.391112463, 0.371891586, 0.128108414}, {2.0, -0.105008320, 0.121477363, 0.378522637}};
        for (double[] r : rows) {
            double[] e = eval(0.5, H, r[0], 0);
            assertEquals(r[1], e[0], 1e-9, "loss at τ = " + r[0]);
            assertEquals(r[3], e[1], 1e-9, "dL/dτ at τ = " + r[0]);
            assertEquals(r[2], DroTemperatureCrossEntropy.klToUniform(H, r[0]), 1e-9);
        }
        assertEquals(0.608887537, eval(0.5, H, 1.0, 1)[0], 1e-9);
    }

    @Test
    void optimumAndPrimalValue() {
        double tau = DroTemperatureCrossEntropy.optimalTemperature(H, 0.5, 1e-3, 1e3);
        assertEquals(0.805035000, tau, 1e-9);
        assertEquals(0.5, DroTemperatureCrossEntropy.klToUniform(H, tau), 1e-12);
        double[] e = eval(0.5, H, tau, 0);
        assertEquals(-0.404447993, e[0], 1e-9);
        assertEquals(0, e[1], 1e-9);
        double max = 2.0;
        double z = 0;
        for (double v : H) {
            z += Math.exp((v - max) / tau);
        }
        double primal = 0;
        for (double v : H) {
            primal += Math.exp((v - max) / tau) / z * (v - H[0]);
        }
        assertEquals(primal, e[0], 1e-9);
        assertEquals(tau, DroTemperatureCrossEntropy.optimalTemperature(H, 0.5, 1e-3, 1e3), 0, "τ* does not depend on the label");
        assertEquals(1e-3, DroTemperatureCrossEntropy.optimalTemperature(H, 2.0, 1e-3, 1e3), 0, "ρ ≥ log K: the constraint is inactive");
    }

    /** ∂ℓ/∂h = softmax(h/τ) − onehot(y) for any τ; the loss is smallest at τ* along τ. */
    @Property(tries = 20)
    void logitGradientAndOptimality(@ForAll @DoubleRange(min = 0.2, max = 5) double tau) {
        double[] e = eval(0.5, H, tau, 2);
        double z = 0;
        for (double v : H) {
            z += Math.exp(v / tau);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(Math.exp(H[k] / tau) / z - (k == 2 ? 1 : 0), e[2 + k], 1e-12);
        }
        double star = DroTemperatureCrossEntropy.optimalTemperature(H, 0.5, 1e-3, 1e3);
        assertTrue(eval(0.5, H, star, 2)[0] <= e[0] + 1e-12);
    }

    @Test
    void finiteDifferences() {
        double[] at = eval(1.0, H, 0.7, 3);
        double d = 1e-6;
        assertEquals((eval(1.0, H, 0.7 + d, 3)[0] - eval(1.0, H, 0.7 - d, 3)[0]) / (2 * d), at[1], 1e-8);
        for (int k = 0; k < 4; k++) {
            double[] up = H.clone();
            double[] down = H.clone();
            up[k] += d;
            down[k] -= d;
            assertEquals((eval(1.0, up, 0.7, 3)[0] - eval(1.0, down, 0.7, 3)[0]) / (2 * d), at[2 + k], 1e-8);
        }
    }

    /** Logits of ±1e4 (margins far beyond float64's exp range at small τ) stay finite, and a confident sample's loss keeps its digits. */
    @Test
    void extremes() {
        double[] e = eval(1.0, new double[] {1e4, -1e4, 0, 5}, 0.5, 0);
        for (double v : e) {
            assertTrue(Double.isFinite(v), "value " + v);
        }
        double margin = 700;
        double[] confident = eval(0, new double[] {margin, 0}, 1, 0);
        double exact = Math.log1p(Math.exp(-margin)) - Math.log(2);
        assertEquals(exact, confident[0], 1e-6 * Math.abs(exact));
    }

    @Test
    void badInputIsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new DroTemperatureCrossEntropy(1).perSample(Inputs.of(Map.of(
                    InputNames.LOGITS, m.create(new double[][] {H}), InputNames.TEMPERATURES, m.create(new double[] {0}), InputNames.LABELS, m.create(new long[] {0})))));
            assertEquals(InputNames.TEMPERATURES, e.argument());
            e = assertThrows(InvalidArgumentException.class, () -> new DroTemperatureCrossEntropy(1).perSample(Inputs.of(Map.of(
                    InputNames.LOGITS, m.create(new double[][] {H}), InputNames.TEMPERATURES, m.create(new double[] {1, 2}), InputNames.LABELS, m.create(new long[] {0})))));
            assertEquals(InputNames.TEMPERATURES, e.argument());
            assertThrows(IllegalArgumentException.class, () -> new DroTemperatureCrossEntropy(-1));
        }
    }
}
