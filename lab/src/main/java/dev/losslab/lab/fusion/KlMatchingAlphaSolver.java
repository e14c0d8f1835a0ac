package dev.losslab.lab.fusion;

import dev.losslab.lab.preference.Categorical;

/**
 * Dynamic logit fusion's per-step weights (paper 18, spec 18): α is chosen at every step so that
 * the fused distribution P̃ = softmax(z_L + Σ_i α_i (z_{S,i} − z_S)) moves away from the large
 * model as far as fine-tuning moved each small expert, and stays as far from the experts as the
 * large model is from the small one:
 * α* = argmin_{α ∈ [0, α_max]^T} Σ_i {[KL(P̃‖P_L) − KL(P_{S,i}‖P_S)]² + [KL(P̃‖P_{S,i}) − KL(P_L‖P_S)]²};
 * {@link Objective#SHIFT_ONLY} keeps the first term only.
 *
 * <p>Spec 18 marks this objective as unverified (the official repository holds no code): which KL
 * directions, both constraints, equality vs inequality and the search range are a best
 * reconstruction, used as such here. The search is a grid (spec 18: step 0.01 for one expert, 0.1
 * per axis for several) scanned in increasing (lexicographic) order, keeping the first minimum, so
 * ties go to the smallest α; with {@code refine}, a single expert's grid minimum is then polished
 * by golden-section search on [α* − step, α* + step] ∩ [0, α_max].
 */
public final class KlMatchingAlphaSolver implements AlphaSolver {
    /** Which constraints the objective matches. */
    public enum Objective {
        /** Both terms: the shift of fine-tuning and the large–small gap. */
        TWO_TERM,
        /** Only KL(P̃‖P_L) ≈ KL(P_{S,i}‖P_S). */
        SHIFT_ONLY
    }

    private final Objective objective;
    private final double maxAlpha;
    private final double step;
    private final boolean refine;

    /**
     * @param maxAlpha the upper bound α_max of every weight (spec 18: 2)
     * @param step the grid step (spec 18: 0.01 for one expert, 0.1 for several)
     * @param refine polish a single expert's grid optimum by golden-section search
     */
    public KlMatchingAlphaSolver(Objective objective, double maxAlpha, double step, boolean refine) {
        if (!(maxAlpha > 0) || !Double.isFinite(maxAlpha)) {
            throw new IllegalArgumentException("maxAlpha must be finite and > 0, got " + maxAlpha);
        }
        if (!(step > 0) || step > maxAlpha) {
            throw new IllegalArgumentException("step must be in (0, maxAlpha], got " + step);
        }
        this.objective = objective;
        this.maxAlpha = maxAlpha;
        this.step = step;
        this.refine = refine;
    }

    /** KL(softmax(p)‖softmax(q)) from logits. */
    public static double kl(double[] p, double[] q) {
        double[] lp = Categorical.logSoftmax(p);
        double[] lq = Categorical.logSoftmax(q);
        double s = 0;
        for (int v = 0; v < lp.length; v++) {
            s += Math.exp(lp[v]) * (lp[v] - lq[v]);
        }
        return Math.max(0, s);
    }

    /** The objective at α. */
    public double objective(double[] large, double[] small, double[][] experts, double[] alphas) {
        double[] fused = LogitArithmetic.fuse(large, small, experts, alphas);
        double toLarge = kl(fused, large);
        double gap = kl(large, small);
        double sum = 0;
        for (double[] expert : experts) {
            double shift = toLarge - kl(expert, small);
            sum += shift * shift;
            if (objective == Objective.TWO_TERM) {
                double kept = kl(fused, expert) - gap;
                sum += kept * kept;
            }
        }
        return sum;
    }

    @Override
    public double[] solve(double[] large, double[] small, double[][] experts) {
        LogitArithmetic.check(large, small, experts);
        int points = (int) Math.floor(maxAlpha / step + 1e-9) + 1;
        int t = experts.length;
        double[] alphas = new double[t];
        double[] best = new double[t];
        double bestValue = Double.POSITIVE_INFINITY;
        int[] index = new int[t];
        while (true) {
            for (int i = 0; i < t; i++) {
                alphas[i] = index[i] * step;
            }
            double v = objective(large, small, experts, alphas);
            if (v < bestValue) {
                bestValue = v;
                best = alphas.clone();
            }
            int axis = t - 1;
            while (axis >= 0 && ++index[axis] == points) {
                index[axis--] = 0;
            }
            if (axis < 0) {
                break;
            }
        }
        return refine && t == 1 ? new double[] {goldenSection(large, small, experts, best[0])} : best;
    }

    private double goldenSection(double[] large, double[] small, double[][] experts, double centre) {
        double lo = Math.max(0, centre - step);
        double hi = Math.min(maxAlpha, centre + step);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = objective(large, small, experts, new double[] {a});
        double fb = objective(large, small, experts, new double[] {b});
        while (hi - lo > 1e-10) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = objective(large, small, experts, new double[] {a});
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = objective(large, small, experts, new double[] {b});
            }
        }
        double mid = (lo + hi) / 2;
        return objective(large, small, experts, new double[] {mid}) <= objective(large, small, experts, new double[] {centre}) ? mid : centre;
    }
}
