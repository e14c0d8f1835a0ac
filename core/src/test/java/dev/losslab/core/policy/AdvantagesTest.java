package dev.losslab.core.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.policy.GroupRelativeAdvantage.Scale;
import org.junit.jupiter.api.Test;

/** Spec 60's group advantages, spec 63's token rewards and GAE, and their edge cases. */
class AdvantagesTest {

    @Test
    void spec60GroupAdvantages() {
        GroupRelativeAdvantage verl = new GroupRelativeAdvantage(8, Scale.GROUP, 1e-6);
        double[] a = verl.advantages(new double[] {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0});
        assertEquals(0.5 / (0.5345224838 + 1e-6), a[0], 1e-9);
        assertEquals(0.9354125967, a[0], 2e-6);
        assertEquals(-a[0], a[1], 1e-15);
        assertEquals(1.2076123955, a[8], 3e-6);
        assertEquals(-0.7245674373, a[9], 2e-6);
        assertArrayEquals(new double[4], GroupRelativeAdvantage.trl(4).advantages(new double[] {1, 1, 1, 1}));
    }

    @Test
    void batchScalingNoScalingAndUnscorableCompletions() {
        double[] r = {1, 0, 3, 3};
        double batchStd = GroupRelativeAdvantage.unbiasedStd(r, 0, 4);
        assertEquals(Math.sqrt((0.75 * 0.75 + 1.75 * 1.75 + 2 * 1.25 * 1.25) / 3), batchStd, 1e-15);
        assertArrayEquals(new double[] {0.5 / (batchStd + 1e-4), -0.5 / (batchStd + 1e-4), 0, 0},
                new GroupRelativeAdvantage(2, Scale.BATCH, 1e-4).advantages(r), 1e-15);
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, new GroupRelativeAdvantage(2, Scale.NONE, 1e-4).advantages(r), 1e-15);
        // NaN = unscorable: out of the group statistics, advantage 0
        double[] a = GroupRelativeAdvantage.trl(3).advantages(new double[] {1, Double.NaN, 0});
        assertArrayEquals(new double[] {0.5 / (Math.sqrt(0.5) + 1e-4), 0, -0.5 / (Math.sqrt(0.5) + 1e-4)}, a, 1e-15);
        assertArrayEquals(new double[] {0, 0}, GroupRelativeAdvantage.trl(1).advantages(new double[] {1, 0}));
    }

    @Test
    void spec63TokenRewardsAndGae() {
        RtoTokenReward rto = new RtoTokenReward(0.05, 0.05, 0.01);
        double[] dpo = {-0.5, -2.0, -0.1, -1.0};
        double[] ref = {-1.0, -1.5, -0.3, -3.0};
        double[] actor = {-0.7, -1.8, -0.2, -2.0};
        assertArrayEquals(new double[] {0.025, -0.025, 0.01, 0.05}, rto.dpoRewards(dpo, ref), 1e-15);
        double[] r = rto.rewards(dpo, ref, actor, 1.5);
        assertArrayEquals(new double[] {0.022, -0.022, 0.009, 1.54}, r, 1e-15);
        assertArrayEquals(new double[] {-0.003, 0.003, -0.001, 1.49}, new RtoTokenReward(0, 0, 0.01).rewards(dpo, ref, actor, 1.5), 1e-15);
        assertEquals(0.1, new RtoTokenReward(0.05, 0, 0.01).dpoRewards(dpo, ref)[3], 1e-15);
        assertEquals(10.0 - 0.01, new RtoTokenReward(0, 0, 0.01).rewards(dpo, ref, actor, 25)[3], 1e-15);
        GeneralizedAdvantageEstimate.Result gae = new GeneralizedAdvantageEstimate(1, 0.95).compute(r, new double[] {0.2, 0.3, 0.1, 0.4});
        assertArrayEquals(new double[] {1.16738, 1.1004, 1.392, 1.14}, gae.advantages(), 1e-12);
        assertArrayEquals(new double[] {1.36738, 1.4004, 1.492, 1.54}, gae.returns(), 1e-12);
    }

    @Test
    void gaeLimits() {
        double[] r = {0.5, -1, 2};
        double[] v = {0.3, 0.1, -0.4};
        // λ = 1: A_t = discounted return-to-go − V_t; λ = 0: one-step TD error
        GeneralizedAdvantageEstimate.Result mc = new GeneralizedAdvantageEstimate(0.9, 1).compute(r, v);
        assertArrayEquals(new double[] {0.5 - 0.9 + 0.81 * 2 - 0.3, -1 + 0.9 * 2 - 0.1, 2 + 0.4}, mc.advantages(), 1e-14);
        GeneralizedAdvantageEstimate.Result td = new GeneralizedAdvantageEstimate(0.9, 0).compute(r, v);
        assertArrayEquals(new double[] {0.5 + 0.9 * 0.1 - 0.3, -1 + 0.9 * -0.4 - 0.1, 2 + 0.4}, td.advantages(), 1e-14);
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("group_size", assertThrows(InvalidArgumentException.class, () -> GroupRelativeAdvantage.trl(0)).argument());
        assertEquals("rewards", assertThrows(InvalidArgumentException.class, () -> GroupRelativeAdvantage.trl(4).advantages(new double[6])).argument());
        assertEquals("rewards", assertThrows(InvalidArgumentException.class,
                () -> GroupRelativeAdvantage.trl(1).advantages(new double[] {Double.POSITIVE_INFINITY})).argument());
        assertEquals("lambda", assertThrows(InvalidArgumentException.class, () -> new GeneralizedAdvantageEstimate(1, 1.5)).argument());
        assertEquals("values", assertThrows(InvalidArgumentException.class,
                () -> new GeneralizedAdvantageEstimate(1, 0.9).compute(new double[2], new double[3])).argument());
        assertEquals("actor_logps", assertThrows(InvalidArgumentException.class,
                () -> new RtoTokenReward(0.1, 0, 0).rewards(new double[2], new double[2], new double[1], 0)).argument());
        assertEquals("dpo_reward_scale", assertThrows(InvalidArgumentException.class, () -> new RtoTokenReward(-1, 0, 0)).argument());
    }
}
