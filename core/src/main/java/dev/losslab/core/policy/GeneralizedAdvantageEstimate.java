package dev.losslab.core.policy;

import dev.losslab.core.InvalidArgumentException;

/**
 * Generalised advantage estimation over one response's tokens (Schulman et al. 2016, as used by
 * paper 63's PPO stage; spec 63, OpenRLHF's {@code get_advantages_and_returns}):
 * δ_t = r_t + γ·V_{t+1} − V_t with V_{H+1} = 0, A_t = δ_t + γλ·A_{t+1}, returns R_t = A_t + V_t.
 * γ = 1, λ = 0.95 are OpenRLHF's defaults. Padding tokens are left out by the caller (pass only the
 * response's tokens).
 */
public final class GeneralizedAdvantageEstimate {
    private final double gamma;
    private final double lambda;

    /** Per-token advantages and returns [H]. */
    public record Result(double[] advantages, double[] returns) {}

    /**
     * @param gamma discount γ in [0, 1]
     * @param lambda GAE mixing λ in [0, 1]
     */
    public GeneralizedAdvantageEstimate(double gamma, double lambda) {
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new InvalidArgumentException("gamma", "must lie in [0, 1], got " + gamma);
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new InvalidArgumentException("lambda", "must lie in [0, 1], got " + lambda);
        }
        this.gamma = gamma;
        this.lambda = lambda;
    }

    /** Advantages and returns from per-token rewards and value estimates of one response. */
    public Result compute(double[] rewards, double[] values) {
        if (rewards.length == 0) {
            throw new InvalidArgumentException("rewards", "empty response (H = 0)");
        }
        if (values.length != rewards.length) {
            throw new InvalidArgumentException("values", "expected " + rewards.length + " values like rewards, got " + values.length);
        }
        finite("rewards", rewards);
        finite("values", values);
        int h = rewards.length;
        double[] a = new double[h];
        double[] ret = new double[h];
        double next = 0;
        double nextValue = 0;
        for (int t = h - 1; t >= 0; t--) {
            double delta = rewards[t] + gamma * nextValue - values[t];
            a[t] = delta + gamma * lambda * next;
            ret[t] = a[t] + values[t];
            next = a[t];
            nextValue = values[t];
        }
        return new Result(a, ret);
    }

    static void finite(String name, double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException(name, Double.isNaN(v) ? "contains NaN" : "contains infinite values");
            }
        }
    }
}
