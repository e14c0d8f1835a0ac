package dev.losslab.core.policy;

import dev.losslab.core.Checks;
import dev.losslab.core.InvalidArgumentException;

/**
 * Reinforced token optimisation's dense reward (paper 63, Zhong et al. 2024, spec 63; the official
 * OpenRLHF fork's {@code _compute_dpo_rewards} and {@code compute_reward}). Per response token t of
 * H, with log-probs under a frozen DPO-trained policy, the reference (the SFT model) and the actor:
 * dpo_t = clip(β₁·(logπ_dpo − logπ_ref), ±c) (no clip when c = 0),
 * kl_t = −β₂·(logπ_actor − logπ_ref), and r_t = dpo_t + kl_t + 1[t = H]·clip(r_RM, ±10).
 * β₁ = {@code dpo_reward_scale} (0 gives the sparse PPO reward), c = {@code dpo_reward_clip},
 * β₂ = {@code kl_coef}; the official script uses 0.05, 0.05 and 0.01.
 */
public final class RtoTokenReward {
    private final double dpoRewardScale;
    private final double dpoRewardClip;
    private final double klCoef;

    /**
     * @param dpoRewardScale β₁ ≥ 0
     * @param dpoRewardClip c ≥ 0 (0 = no clip)
     * @param klCoef β₂ ≥ 0
     */
    public RtoTokenReward(double dpoRewardScale, double dpoRewardClip, double klCoef) {
        this.dpoRewardScale = Checks.nonNegative("dpo_reward_scale", dpoRewardScale);
        this.dpoRewardClip = Checks.nonNegative("dpo_reward_clip", dpoRewardClip);
        this.klCoef = Checks.nonNegative("kl_coef", klCoef);
    }

    /** The DPO token rewards dpo_t [H]. */
    public double[] dpoRewards(double[] dpoLogps, double[] refLogps) {
        check("dpo_logps", dpoLogps, refLogps.length);
        GeneralizedAdvantageEstimate.finite("ref_logps", refLogps);
        double[] r = new double[dpoLogps.length];
        for (int t = 0; t < r.length; t++) {
            double v = dpoRewardScale * (dpoLogps[t] - refLogps[t]);
            r[t] = dpoRewardClip > 0 ? Math.max(-dpoRewardClip, Math.min(dpoRewardClip, v)) : v;
        }
        return r;
    }

    /** The shaped rewards r_t [H] of one response with reward-model score {@code rmScore}. */
    public double[] rewards(double[] dpoLogps, double[] refLogps, double[] actorLogps, double rmScore) {
        double[] r = dpoRewards(dpoLogps, refLogps);
        check("actor_logps", actorLogps, refLogps.length);
        if (!Double.isFinite(rmScore)) {
            throw new InvalidArgumentException("rm_score", "must be finite, got " + rmScore);
        }
        for (int t = 0; t < r.length; t++) {
            r[t] -= klCoef * (actorLogps[t] - refLogps[t]);
        }
        r[r.length - 1] += Math.max(-10, Math.min(10, rmScore));
        return r;
    }

    private static void check(String name, double[] x, int length) {
        if (length == 0) {
            throw new InvalidArgumentException("ref_logps", "empty response (H = 0)");
        }
        if (x.length != length) {
            throw new InvalidArgumentException(name, "expected " + length + " tokens like ref_logps, got " + x.length);
        }
        GeneralizedAdvantageEstimate.finite(name, x);
    }
}
