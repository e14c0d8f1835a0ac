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
import dev.losslab.core.preference.PairEval.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 53's worked examples, the IPO special case, the zero at h = η/2, finite differences and bad input. */
class InpoTest {

    /** in = (policy_w, policy_l, ref_w, ref_l, prev_w, prev_l). */
    static Result eval(Inpo loss, double[]... in) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(in[0]);
            NDArray r = m.create(in[1]);
            c.setRequiresGradient(true);
            r.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, r,
                        InputNames.REF_CHOSEN_LOGPS, m.create(in[2]), InputNames.REF_REJECTED_LOGPS, m.create(in[3]),
                        InputNames.PREV_CHOSEN_LOGPS, m.create(in[4]), InputNames.PREV_REJECTED_LOGPS, m.create(in[5]))));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), c.getGradient().toDoubleArray(), r.getGradient().toDoubleArray());
            }
        }
    }

    static double[] v(double x) {
        return new double[] {x};
    }

    @Test
    void specFiftyThreeWorkedExamples() {
        Result a = eval(new Inpo(0.5, 0.1), v(-10), v(-12), v(-11), v(-11.5), v(-10.5), v(-11));
        assertClose(1.5625, a.mean(), 1e-12);
        assertClose(2.5, a.gradChosen()[0], 1e-12);
        assertClose(-2.5, a.gradRejected()[0], 1e-12);
        Result b = eval(new Inpo(2, 0.5), v(-20), v(-18), v(-19), v(-19), v(-19.5), v(-18.5));
        assertClose(9, b.mean(), 1e-12);
        assertClose(-6, b.gradChosen()[0], 1e-12);
        assertClose(6, b.gradRejected()[0], 1e-12);
    }

    /** η·τ = 1 drops the previous iterate: INPO(η = 4, τ = 0.25) is IPO with β = 1/η (paper form), 0.25 on example C. */
    @Test
    void etaTauOneIsIpo() {
        Result c = eval(new Inpo(4, 0.25), v(-10), v(-12), v(-11), v(-11.5), v(-3), v(-50));
        assertClose(0.25, c.mean(), 1e-12);
        assertClose(PairEval.one(new Ipo(0.25, false), new double[] {-10, -12, -11, -11.5}).mean(), c.mean(), 1e-12);
    }

    @Test
    void zeroAtTheTargetMarginAndFiniteDifferences() {
        assertEquals(0, eval(new Inpo(1, 0.5), v(0.5), v(0), v(0), v(0), v(0), v(0)).mean(), 1e-15);
        Inpo loss = new Inpo(0.7, 0.3);
        double[][] in = {{-3.2, -10.5}, {-4.1, -9.0}, {-3.0, -11.0}, {-4.5, -8.0}, {-3.3, -10.0}, {-4.0, -9.5}};
        Result at = eval(loss, in);
        for (int i = 0; i < 2; i++) {
            double[][] up = {in[0].clone(), in[1], in[2], in[3], in[4], in[5]};
            double[][] down = {in[0].clone(), in[1], in[2], in[3], in[4], in[5]};
            up[0][i] += 1e-6;
            down[0][i] -= 1e-6;
            assertClose((eval(loss, up).mean() - eval(loss, down).mean()) / 2e-6, at.gradChosen()[i], 1e-7);
        }
    }

    @Test
    void badArguments() {
        assertEquals("tau", assertThrows(InvalidArgumentException.class, () -> new Inpo(2, 0.6)).argument());
        assertEquals("eta", assertThrows(InvalidArgumentException.class, () -> new Inpo(0, 0.1)).argument());
        assertEquals(InputNames.PREV_CHOSEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Inpo(1, 0.1), v(-1), v(-1), v(-1), v(-1), new double[] {-1, -2}, v(-1))).argument());
    }
}
