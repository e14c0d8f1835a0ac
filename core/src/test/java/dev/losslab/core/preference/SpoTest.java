package dev.losslab.core.preference;

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
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 59's worked example (values and gradients), λ = 0 equals the alignment loss exactly, finite differences, bad input. */
class SpoTest {
    static final double[][] Z = {{2.0, 0.5, -1.0}, {0.2, 1.0, 0.3}, {-0.5, 0.1, 1.5}};
    static final double[] K = {0, 1, 2};

    /** mean, gradient w.r.t. policy chosen, policy rejected, then the degree logits (flattened). */
    static double[][] eval(Objective loss, double[][] z, double[] pair) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(new double[] {pair[0]});
            NDArray r = m.create(new double[] {pair[1]});
            NDArray logits = m.create(z);
            c.setRequiresGradient(true);
            r.setRequiresGradient(true);
            logits.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>(Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, r,
                    InputNames.REF_CHOSEN_LOGPS, m.create(new double[] {pair[2]}), InputNames.REF_REJECTED_LOGPS, m.create(new double[] {pair[3]}),
                    InputNames.DEGREE_LOGITS, logits, InputNames.DEGREE_LABELS, m.create(K)));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(in)).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, PairEval.asDoubles(c.getGradient()), PairEval.asDoubles(r.getGradient()), PairEval.asDoubles(logits.getGradient())};
            }
        }
    }

    static final double[] PAIR = {-12, -14, -12.5, -13};

    @Test
    void spec59WorkedExample() {
        Objective spo = Registry.defaults().objective("spo", Map.of("lambda", 0.5, "beta", 0.1));
        double[][] r = eval(spo, Z, PAIR);
        assertClose(0.8260447016, r[0][0], 1e-9);
        assertClose(0.6209570478, eval(new Dpo(0.1), Z, PAIR)[0][0], 1e-9);
        double[] dZ = {-0.0714676551, 0.0584301307, 0.0130375244, 0.0769696404, -0.1620342485, 0.0850646081, 0.0326439745, 0.0594811997, -0.0921251742};
        for (int i = 0; i < dZ.length; i++) {
            assertEquals(0.5 * dZ[i], r[3][i], 1e-10, "dZ " + i);
        }
    }

    @Test
    void lambdaZeroIsTheAlignmentLossExactly() {
        double[][] spo = eval(new Spo(new Ipo(0.2, false), 0), Z, PAIR);
        double[][] ipo = eval(new Ipo(0.2, false), Z, PAIR);
        assertEquals(ipo[0][0], spo[0][0], 0);
        assertEquals(ipo[1][0], spo[1][0], 0);
        assertEquals(ipo[2][0], spo[2][0], 0);
        for (double g : spo[3]) {
            assertEquals(0, g, 0);
        }
    }

    @Test
    void finiteDifferencesOnTheDegreeLogits() {
        Objective spo = new Spo(new Dpo(0.1), 0.7);
        double[] g = eval(spo, Z, PAIR)[3];
        for (int i = 0; i < 9; i++) {
            double[][] up = {Z[0].clone(), Z[1].clone(), Z[2].clone()};
            double[][] down = {Z[0].clone(), Z[1].clone(), Z[2].clone()};
            up[i / 3][i % 3] += 1e-6;
            down[i / 3][i % 3] -= 1e-6;
            assertClose((eval(spo, up, PAIR)[0][0] - eval(spo, down, PAIR)[0][0]) / 2e-6, g[i], 1e-6);
        }
    }

    @Test
    void badInputNamesTheArgument() {
        Objective spo = new Spo(new Dpo(0.1), 0.5);
        assertEquals(InputNames.DEGREE_LOGITS, assertThrows(InvalidArgumentException.class, () -> eval(spo, new double[][] {{1}, {2}, {3}}, PAIR)).argument());
        assertEquals("lambda", assertThrows(InvalidArgumentException.class, () -> new Spo(new Dpo(0.1), -1)).argument());
        assertEquals("alignment", assertThrows(InvalidArgumentException.class, () -> new Spo(new Kto(0.1, 1, 1), 0.5)).argument());
    }
}
