package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
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
import dev.losslab.core.Objective;
import dev.losslab.core.preference.PairEval.Result;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CPO, SimPO and ORPO (TRL's reference-free trainers) against spec 56's worked example
 * (pc −10, pr −12, Lc 5, Lr 4, β = λ = 0.1), finite differences, limits and bad input.
 */
class ReferenceFreeLossesTest {

    static Result eval(Objective loss, double[] c, double[] r, double[] lc, double[] lr) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray chosen = m.create(c);
            NDArray rejected = m.create(r);
            chosen.setRequiresGradient(true);
            rejected.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(Map.of(InputNames.POLICY_CHOSEN_LOGPS, chosen, InputNames.POLICY_REJECTED_LOGPS, rejected,
                        InputNames.CHOSEN_LENGTHS, m.create(lc), InputNames.REJECTED_LENGTHS, m.create(lr))));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), chosen.getGradient().toDoubleArray(), rejected.getGradient().toDoubleArray());
            }
        }
    }

    static double one(Objective loss) {
        return eval(loss, new double[] {-10}, new double[] {-12}, new double[] {5}, new double[] {4}).mean();
    }

    @Test
    void specFiftySixWorkedExample() {
        assertClose(0.5981388694, one(new Cpo(0.1, 0, 0)), 1e-9);
        assertClose(2.598138869, one(new Cpo(0.1, 0, 1)), 1e-9);
        assertClose(0.9130152524, one(new Simpo(0.1, 0.5, 0, 0)), 1e-9);
        assertClose(2.028875078, one(new Orpo(0.1)), 1e-9);
    }

    /** SimPO with γ = 0 and unit lengths is CPO without its SFT term; CPO with β → the DPO form on log π alone. */
    @Test
    void simpoReducesToCpo() {
        double[] c = {-3.2, -10.5};
        double[] r = {-4.1, -9.0};
        double[] ones = {1, 1};
        assertClose(eval(new Cpo(0.7, 0.1, 0), c, r, ones, ones).mean(), eval(new Simpo(0.7, 0, 0.1, 0), c, r, ones, ones).mean(), 1e-15);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] c = {-3.2, -10.5, -20.4};
        double[] r = {-4.1, -9.0, -27.7};
        double[] lc = {2, 7, 30};
        double[] lr = {4, 1, 15};
        for (Objective loss : List.of(new Cpo(0.4, 0.1, 1), new Simpo(2, 1, 0.1, 0.5), new Orpo(0.5))) {
            Result at = eval(loss, c, r, lc, lr);
            for (int i = 0; i < c.length; i++) {
                double[] up = c.clone();
                double[] down = c.clone();
                up[i] += 1e-6;
                down[i] -= 1e-6;
                assertClose((eval(loss, up, r, lc, lr).mean() - eval(loss, down, r, lc, lr).mean()) / 2e-6, at.gradChosen()[i], 1e-7);
                double[] upR = r.clone();
                double[] downR = r.clone();
                upR[i] += 1e-6;
                downR[i] -= 1e-6;
                assertClose((eval(loss, c, upR, lc, lr).mean() - eval(loss, c, downR, lc, lr).mean()) / 2e-6, at.gradRejected()[i], 1e-7);
            }
        }
    }

    /** ORPO's log(1 − e^a) keeps its precision for confident responses (a = −1e-8: log(1e-8) within 1e-6) and far ones. */
    @Test
    void orpoNearCertainResponses() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = Orpo.log1mexp(m.create(new double[] {-1e-8, -50})).toDoubleArray();
            assertClose(Math.log(1e-8), v[0], 1e-6);
            assertClose(Math.log1p(-Math.exp(-50)), v[1], 1e-12);
        }
        Result r = eval(new Orpo(0.1), new double[] {-1e-6, -1e4}, new double[] {-1e4, -1e-6}, new double[] {1, 1}, new double[] {1, 1});
        assertTrue(Arrays.stream(r.per()).allMatch(Double::isFinite) && Arrays.stream(r.gradChosen()).allMatch(Double::isFinite));
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("gamma", assertThrows(InvalidArgumentException.class, () -> new Simpo(0.1, Double.NaN, 0, 0)).argument());
        assertEquals("cpo_alpha", assertThrows(InvalidArgumentException.class, () -> new Cpo(0.1, 0, -1)).argument());
        assertEquals(InputNames.POLICY_CHOSEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Orpo(0.1), new double[] {0}, new double[] {-1}, new double[] {1}, new double[] {1})).argument());
        assertEquals(InputNames.REJECTED_LENGTHS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Cpo(0.1, 0, 1), new double[] {-1}, new double[] {-1}, new double[] {1}, new double[] {0})).argument());
    }
}
