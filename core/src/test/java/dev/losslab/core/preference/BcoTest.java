package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InputNames;
import dev.losslab.core.preference.PairEval.Result;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 42's BCO worked examples (two batches through one tracker, UDM weights), the tracker, the δ = 0 ablation and the BCE ≥ DPO bound. */
class BcoTest {

    static Result eval(Bco bco, double[] c, double[] r, double[] rc, double[] rr, double[] weights) {
        return UnpairedEval.eval(bco, c, r, rc, rr, weights == null ? Map.of() : Map.of(InputNames.UNDESIRABLE_WEIGHTS, weights));
    }

    static Result batchOne(Bco bco, double[] weights) {
        return eval(bco, new double[] {-10, -20}, new double[] {-15, -8}, new double[] {-11, -19}, new double[] {-14, -8.5}, weights);
    }

    /** Batch 1 on a fresh tracker: δ = −0.0125, loss 0.6878928935 and its gradients; batch 2: δ = 0.03571428571 (mean of all 7 rewards), loss 0.671876753. */
    @Test
    void specFortyTwoTwoBatches() {
        Bco bco = new Bco(0.1, true);
        Result one = batchOne(bco, null);
        assertClose(-0.0125, bco.delta(), 1e-12);
        assertClose(0.6878928935, one.mean(), 1e-10);
        assertClose(new double[] {-0.01179762, -0.01304653}, one.gradChosen(), 1e-7);
        assertClose(new double[] {0.01195347, 0.0128905}, one.gradRejected(), 1e-7);
        Result two = eval(bco, new double[] {-5}, new double[] {-9, -3}, new double[] {-7}, new double[] {-9, -4}, null);
        assertClose(0.03571428571, bco.delta(), 1e-10);
        assertClose(0.671876753, two.mean(), 1e-9);
    }

    /** UDM: p = (0.2, 0.6, 0.95, 0.05) gives (0.5, 1.49999996, 10, 0.5); batch 1 with p = (0.8, 0.3) weights (3.9999998, 0.5): mean 1.085047618. */
    @Test
    void udmWeights() {
        assertClose(new double[] {0.5, 1.49999996, 10, 0.5}, UdmWeights.of(new double[] {0.2, 0.6, 0.95, 0.05}, 0.5, 10), 1e-8);
        double[] w = UdmWeights.of(new double[] {0.8, 0.3}, 0.5, 10);
        assertClose(1.085047618, batchOne(new Bco(0.1, true), w).mean(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> UdmWeights.of(new double[] {1.5}, 0.5, 10));
    }

    /** TRL's RunningMoments mean is the cumulative mean of every value added. */
    @Test
    void trackerIsTheCumulativeMean() {
        RunningRewardMean t = new RunningRewardMean();
        t.update(new double[] {1, 2, 3});
        t.update(new double[] {10});
        assertClose(4.0, t.mean(), 1e-12);
    }

    /** reward_shift = false keeps δ = 0: the loss is then the same on every call. */
    @Test
    void withoutShiftTheLossIsStateless() {
        Bco bco = new Bco(0.1, false);
        double first = batchOne(bco, null).mean();
        assertEquals(first, batchOne(bco, null).mean(), 0);
        assertEquals(0, bco.delta(), 0);
    }

    /** BCE upper-bounds DPO: softplus(δ − r_w) + softplus(r_l − δ) ≥ softplus(r_l − r_w) (here δ = 0, β = 1). */
    @Property(tries = 100)
    void bceBoundsDpo(@ForAll @DoubleRange(min = -20, max = 20) double rw, @ForAll @DoubleRange(min = -20, max = 20) double rl) {
        double bce = 2 * eval(new Bco(1, false), new double[] {rw}, new double[] {rl}, new double[] {0}, new double[] {0}, null).mean();
        double dpo = PairEval.one(new Dpo(1), new double[] {rw, rl, 0, 0}).mean();
        assertTrue(bce >= dpo - 1e-12, bce + " < " + dpo);
    }
}
