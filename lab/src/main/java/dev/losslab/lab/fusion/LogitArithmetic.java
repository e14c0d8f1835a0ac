package dev.losslab.lab.fusion;

/**
 * Logit arithmetic for weak-to-strong transfer (paper 18, spec 18; proxy tuning's rule): a large
 * base model's next-token (or class) logits z_L are shifted by what fine-tuning changed in a small
 * model, z̃ = z_L + Σ_i α_i·(z_{S,i} − z_S), for T ≥ 1 small experts z_{S,i} sharing the small base
 * z_S. α = 0 returns z_L exactly; a constant added to any one model's logits shifts z̃ by a constant
 * and so leaves softmax(z̃) unchanged.
 */
public final class LogitArithmetic {
    private LogitArithmetic() {}

    /** z_L + Σ_i α_i (z_{S,i} − z_S). */
    public static double[] fuse(double[] large, double[] small, double[][] experts, double[] alphas) {
        check(large, small, experts);
        if (alphas.length != experts.length) {
            throw new IllegalArgumentException("alphas: expected one weight per expert (" + experts.length + "), got " + alphas.length);
        }
        double[] z = large.clone();
        for (int i = 0; i < experts.length; i++) {
            for (int v = 0; v < z.length; v++) {
                z[v] += alphas[i] * (experts[i][v] - small[v]);
            }
        }
        return z;
    }

    /** The single-expert form z_L + α (z_{S,ft} − z_S). */
    public static double[] fuse(double[] large, double[] small, double[] expert, double alpha) {
        return fuse(large, small, new double[][] {expert}, new double[] {alpha});
    }

    static void check(double[] large, double[] small, double[][] experts) {
        if (large.length == 0) {
            throw new IllegalArgumentException("large: logits must not be empty");
        }
        if (small.length != large.length) {
            throw new IllegalArgumentException("small: expected " + large.length + " logits like large, got " + small.length);
        }
        if (experts.length == 0) {
            throw new IllegalArgumentException("experts: at least one fine-tuned small model is needed");
        }
        for (int i = 0; i < experts.length; i++) {
            if (experts[i].length != large.length) {
                throw new IllegalArgumentException("experts: expert " + i + " has " + experts[i].length + " logits, large has " + large.length);
            }
        }
        for (double[] z : new double[][] {large, small}) {
            for (double v : z) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("logits must be finite, got " + v);
                }
            }
        }
    }
}
