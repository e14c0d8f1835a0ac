package dev.losslab.core.preference;

/**
 * BCO's underlying-distribution-matching weights (paper 42, spec 42; TRL BCOTrainer's
 * {@code _get_udm_weight}): for an undesirable example whose prompt a balanced logistic classifier
 * gives probability p of coming from the desirable prompts, w = clamp(p/(1 − p + 1e-8), min, max),
 * TRL's defaults min 0.5 and max 10 ({@code min_density_ratio}, {@code max_density_ratio}).
 */
public final class UdmWeights {
    private UdmWeights() {}

    /** The weights for classifier probabilities {@code p} (each in [0, 1]). */
    public static double[] of(double[] p, double min, double max) {
        if (!(min > 0 && max >= min)) {
            throw new IllegalArgumentException("need 0 < min ≤ max, got " + min + " and " + max);
        }
        double[] w = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("probability " + i + " is " + p[i] + ", not in [0, 1]");
            }
            w[i] = Math.min(max, Math.max(min, p[i] / (1 - p[i] + 1e-8)));
        }
        return w;
    }
}
