package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.PairEval.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 42's KTO worked example, the KL clamp, apo-zero-unpaired, one-sided batches, finite differences and bad input. */
class KtoTest {
    static final double[] KL_POLICY = {-30, -25, -28, -22};
    static final double[] KL_REF = {-30.5, -25.2, -28.3, -22.1};

    static Result eval(Objective loss, double[] c, double[] r, double[] rc, double[] rr, double[] klPolicy, double[] klRef) {
        return UnpairedEval.eval(loss, c, r, rc, rr, klPolicy == null ? Map.of() : Map.of(InputNames.POLICY_KL_LOGPS, klPolicy, InputNames.REF_KL_LOGPS, klRef));
    }

    static Result batchOne(Objective loss, double[] klPolicy, double[] klRef) {
        return eval(loss, new double[] {-10, -20}, new double[] {-15, -8}, new double[] {-11, -19}, new double[] {-14, -8.5}, klPolicy, klRef);
    }

    /** Spec 42: z0 = 0.275; losses (0.481882935, 0.5318318894 | 0.4681681106, 0.5056247627), mean 0.4968769244, and its gradients. */
    @Test
    void specFortyTwoWorkedExample() {
        Result r = batchOne(new Kto(0.1, 1, 1), KL_POLICY, KL_REF);
        assertClose(new double[] {0.481882935, 0.5318318894, 0.4681681106, 0.5056247627}, r.per(), 1e-9);
        assertClose(0.4968769244, r.mean(), 1e-10);
        assertClose(new double[] {-0.0062417943, -0.0062246683}, r.gradChosen(), 1e-9);
        assertClose(new double[] {0.0062246683, 0.0062492091}, r.gradRejected(), 1e-9);
    }

    /** A negative KL estimate is clamped to 0, which makes KTO apo-zero-unpaired; the weights scale each side. */
    @Test
    void clampAndWeights() {
        double[] low = {-31, -26, -29, -23};
        Result kto = batchOne(new Kto(0.1, 1, 1), low, KL_REF);
        Result apo = batchOne(new ApoZeroUnpaired(0.1, 1, 1), null, null);
        assertClose(apo.per(), kto.per(), 1e-15);
        Result weighted = batchOne(new Kto(0.1, 2, 0.5), KL_POLICY, KL_REF);
        assertClose(new double[] {2 * 0.481882935, 2 * 0.5318318894, 0.5 * 0.4681681106, 0.5 * 0.5056247627}, weighted.per(), 1e-9);
    }

    /** A batch of desirable examples only is legal (TRL: an empty side contributes nothing). */
    @Test
    void oneSidedBatch() {
        Result r = eval(new Kto(0.1, 1, 1), new double[] {-10, -20}, new double[0], new double[] {-11, -19}, new double[0], KL_POLICY, KL_REF);
        assertClose(new double[] {0.481882935, 0.5318318894}, r.per(), 1e-9);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] c = {-10, -20, -3};
        double[] rej = {-15, -8};
        for (Objective loss : new Objective[] {new Kto(0.7, 1.5, 0.5), new ApoZeroUnpaired(0.7, 1, 2)}) {
            double[] klp = loss instanceof Kto ? KL_POLICY : null;
            Result at = eval(loss, c, rej, new double[] {-11, -19, -4}, new double[] {-14, -8.5}, klp, KL_REF);
            for (int i = 0; i < c.length; i++) {
                double[] up = c.clone();
                double[] down = c.clone();
                up[i] += 1e-6;
                down[i] -= 1e-6;
                double fd = (eval(loss, up, rej, new double[] {-11, -19, -4}, new double[] {-14, -8.5}, klp, KL_REF).mean()
                        - eval(loss, down, rej, new double[] {-11, -19, -4}, new double[] {-14, -8.5}, klp, KL_REF).mean()) / 2e-6;
                assertClose(fd, at.gradChosen()[i], 1e-7);
            }
        }
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("lambda_d", assertThrows(InvalidArgumentException.class, () -> new Kto(0.1, -1, 1)).argument());
        assertEquals(InputNames.POLICY_CHOSEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Kto(0.1, 1, 1), new double[0], new double[0], new double[0], new double[0], KL_POLICY, KL_REF)).argument());
        assertEquals(InputNames.REF_CHOSEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Kto(0.1, 1, 1), new double[] {-1, -2}, new double[0], new double[] {-1}, new double[0], KL_POLICY, KL_REF)).argument());
        assertEquals(InputNames.REF_KL_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Kto(0.1, 1, 1), new double[] {-1}, new double[0], new double[] {-1}, new double[0], KL_POLICY, new double[] {1})).argument());
    }
}
