package dev.losslab.core.policy;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenRLHF's clipped value loss: a NumPy transcription's values and gradients, finite differences, the unclipped limit, bad input. */
class PpoValueLossTest {
    static final double[][] V = {{0.5, 0.1, -0.2}, {1.0, 0.4, 0.0}};
    static final double[][] OLD = {{0.2, 0.25, 0.1}, {0.6, 0.5, 0.9}};
    static final double[][] R = {{1.1, -0.3, 0.4}, {0.2, 0.9, 5.0}};
    static final double[][] MASK = {{1, 1, 1}, {1, 1, 0}};

    /** mean, then the gradient w.r.t. the values (flattened). */
    static double[][] eval(PpoValueLoss loss, double[][] v, double[][] old) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray values = m.create(v);
            values.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>(Map.of(InputNames.CRITIC_VALUES, values, InputNames.RETURNS, m.create(R), InputNames.COMPLETION_MASK, m.create(MASK)));
            if (old != null) {
                in.put(InputNames.OLD_CRITIC_VALUES, m.create(old));
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(in)).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, values.getGradient().toDoubleArray()};
            }
        }
    }

    @Test
    void matchesOpenRlhfsFormula() {
        double[][] r = eval(new PpoValueLoss(0.2), V, OLD);
        assertClose(0.19541666666666668, r[0][0], 1e-12);
        double[] g = {0, 0.4 / 6, -0.6 / 6, 0.8 / 4, -0.5 / 4, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(g[i], r[1][i], 1e-12, "token " + i);
        }
    }

    @Test
    void noClippingIsHalfTheMaskedMeanSquaredError() {
        double[][] r = eval(new PpoValueLoss(0), V, null);
        double first = (0.36 + 0.16 + 0.36) / 3;
        double second = (0.64 + 0.25) / 2;
        assertClose(0.5 * (first + second) / 2, r[0][0], 1e-12);
    }

    @Test
    void finiteDifferences() {
        PpoValueLoss loss = new PpoValueLoss(0.2);
        double[] g = eval(loss, V, OLD)[1];
        for (int i = 0; i < 6; i++) {
            double[][] up = {V[0].clone(), V[1].clone()};
            double[][] down = {V[0].clone(), V[1].clone()};
            up[i / 3][i % 3] += 1e-6;
            down[i / 3][i % 3] -= 1e-6;
            assertEquals((eval(loss, up, OLD)[0][0] - eval(loss, down, OLD)[0][0]) / 2e-6, g[i], 1e-8, "token " + i);
        }
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals(InputNames.OLD_CRITIC_VALUES, assertThrows(InvalidArgumentException.class, () -> eval(new PpoValueLoss(0.2), V, null)).argument());
        assertEquals(InputNames.OLD_CRITIC_VALUES, assertThrows(InvalidArgumentException.class,
                () -> eval(new PpoValueLoss(0.2), V, new double[][] {{1, 2}})).argument());
        assertEquals("value_clip", assertThrows(InvalidArgumentException.class, () -> new PpoValueLoss(-0.1)).argument());
    }
}
