package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static dev.losslab.core.preference.PairEval.assertFiniteDifferences;
import static dev.losslab.core.preference.PairEval.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.preference.PairEval.Result;
import dev.losslab.core.preference.Rpo.SftNormalization;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 43's worked examples, its η = 0 and gradient-offset properties, finite differences and bad input. */
class RpoTest {
    static final double[] C = {-120};
    static final double[] R = {-130};
    static final double[] RC = {-118};
    static final double[] RR = {-131};

    @Test
    void specFortyThreeWorkedExamples() {
        Result a = eval(new Rpo(0.01, 0.005, SftNormalization.SUM), C, R, RC, RR);
        assertClose(0.7142596763, a.mean(), 1e-9);
        assertClose(-0.005124994376, a.gradChosen()[0], 1e-9);
        assertClose(0.005074994376, a.gradRejected()[0], 1e-9);
        Result b = eval(new Rpo(0.5, 0.2, SftNormalization.TOKEN_MEAN), C, R, RC, RR, new double[] {40}, new double[] {1});
        assertClose(2.301413278, b.mean(), 1e-9);
        assertClose(-0.4137872381, b.gradChosen()[0], 1e-9);
        assertClose(0.4087872381, b.gradRejected()[0], 1e-9);
    }

    /** η = 0 gives DPO; otherwise the chosen gradient is DPO's minus exactly η·β (sum) or η/|y_w| (token-mean). */
    @Property(tries = 40)
    void etaShiftsOnlyTheChosenGradient(@ForAll @DoubleRange(min = -200, max = 0) double c, @ForAll @DoubleRange(min = -200, max = 0) double r,
            @ForAll @DoubleRange(min = 0, max = 2) double eta) {
        double[] in = {c};
        Result dpo = eval(new Dpo(0.3), in, new double[] {r}, RC, RR);
        assertEquals(dpo.mean(), eval(new Rpo(0.3, 0, SftNormalization.SUM), in, new double[] {r}, RC, RR).mean(), 0);
        Result sum = eval(new Rpo(0.3, eta, SftNormalization.SUM), in, new double[] {r}, RC, RR);
        assertClose(dpo.gradChosen()[0] - eta * 0.3, sum.gradChosen()[0], 1e-12);
        assertClose(dpo.gradRejected()[0], sum.gradRejected()[0], 1e-12);
        Result mean = eval(new Rpo(0.3, eta, SftNormalization.TOKEN_MEAN), in, new double[] {r}, RC, RR, new double[] {7}, new double[] {1});
        assertClose(dpo.gradChosen()[0] - eta / 7, mean.gradChosen()[0], 1e-12);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] c = {-30.2, -10.5, -40.4};
        double[] r = {-34.1, -9.0, -47.7};
        double[] rc = {-33.0, -11.0, -41.0};
        double[] rr = {-34.5, -8.0, -46.0};
        double[][] len = {{12, 7, 30}, {1, 1, 1}};
        for (Rpo loss : new Rpo[] {new Rpo(0.2, 0.5, SftNormalization.SUM), new Rpo(0.2, 0.5, SftNormalization.TOKEN_MEAN)}) {
            double[][] l = loss.inputs().size() == 5 ? len : new double[0][];
            assertFiniteDifferences(loss, c, r, rc, rr, l);
        }
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("eta", assertThrows(InvalidArgumentException.class, () -> new Rpo(0.1, -1, SftNormalization.SUM)).argument());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> eval(new Rpo(0.1, 0.1, SftNormalization.TOKEN_MEAN), C, R, RC, RR, new double[] {0}, new double[] {1}));
        assertEquals(InputNames.CHOSEN_LENGTHS, e.argument());
    }
}
