package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static dev.losslab.core.preference.PairEval.assertFiniteDifferences;
import static dev.losslab.core.preference.PairEval.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InputNames;
import dev.losslab.core.preference.PairEval.Result;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.registry.Registry;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 12's DPO worked examples, gradients and identities. */
class DpoTest {

    private static void golden(double beta, double[] in, double loss, double g) {
        Result r = eval(new Dpo(beta), new double[] {in[0]}, new double[] {in[1]}, new double[] {in[2]}, new double[] {in[3]});
        assertClose(loss, r.mean(), 1e-10);
        assertClose(g, r.gradChosen()[0], 1e-10);
        assertClose(-g, r.gradRejected()[0], 1e-10);
    }

    @Test
    void specWorkedExamples() {
        golden(0.1, new double[] {-12, -14, -12.5, -13}, 0.6209570478, -0.04625701547);
        golden(0.5, new double[] {-30, -25, -31, -24}, 0.3132616875, -0.1344707107);
        golden(1.0, new double[] {-5, -9, -6, -6}, 0.01814992792, -0.01798620996);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Dpo dpo = new Dpo(0.7);
        double[] c = {-3.2, -10.5, -0.4};
        double[] r = {-4.1, -9.0, -7.7};
        double[] rc = {-3.0, -11.0, -1.0};
        double[] rr = {-4.5, -8.0, -6.0};
        assertFiniteDifferences(dpo, c, r, rc, rr);
    }

    /** softplus(−βh) − softplus(βh) = −βh: swapping the pair changes the loss by exactly β·h. */
    @Property(tries = 50)
    void swappingThePairShiftsTheLossByBetaTimesTheMargin(@ForAll @DoubleRange(min = -40, max = 40) double h) {
        Dpo dpo = new Dpo(0.5);
        double given = eval(dpo, new double[] {h}, new double[] {0}, new double[] {0}, new double[] {0}).mean();
        double swapped = eval(dpo, new double[] {0}, new double[] {h}, new double[] {0}, new double[] {0}).mean();
        assertClose(-0.5 * h, given - swapped, 1e-12);
    }

    /** Confident pairs: relative precision for a margin of −700 (value ≈ 700) and +70 (value ≈ e^−70), finite gradients at ±1e4. */
    @Test
    void confidentMargins() {
        Dpo dpo = new Dpo(1);
        assertClose(700.0, eval(dpo, new double[] {-700}, new double[] {0}, new double[] {0}, new double[] {0}).mean(), 1e-12);
        double tiny = eval(dpo, new double[] {70}, new double[] {0}, new double[] {0}, new double[] {0}).mean();
        assertEquals(Math.log1p(Math.exp(-70)), tiny, 1e-6 * tiny);
        Result r = eval(dpo, new double[] {1e4, -1e4}, new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0});
        assertTrue(Double.isFinite(r.mean()) && Double.isFinite(r.gradChosen()[0]) && Double.isFinite(r.gradChosen()[1]));
        assertClose(-0.5, r.gradChosen()[1], 1e-12);
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> new Dpo(0)).argument());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> eval(new Dpo(0.1), new double[] {1, 2}, new double[] {1}, new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(InputNames.POLICY_REJECTED_LOGPS, e.argument());
        e = assertThrows(InvalidArgumentException.class,
                () -> eval(new Dpo(0.1), new double[] {1}, new double[] {1}, new double[] {Double.NaN}, new double[] {1}));
        assertEquals(InputNames.REF_CHOSEN_LOGPS, e.argument());
    }

    @Test
    void registeredWithTrlsDefaultBeta() {
        Dpo dpo = (Dpo) Registry.defaults().objective("dpo", Map.of());
        assertClose(0.6209570478, eval(dpo, new double[] {-12}, new double[] {-14}, new double[] {-12.5}, new double[] {-13}).mean(), 1e-10);
    }
}
