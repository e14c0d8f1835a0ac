package dev.losslab.core.preference.logic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * The semantic loss of paper 56 (Richardson et al. 2025; Xu et al. 2018): propositions M_v with
 * probabilities p_v = σ(logit_v), independent; the weighted model count of a formula F is
 * WMC(F) = Σ_{assignments a ⊨ F} Π_v (a_v ? p_v : 1 − p_v), and the loss of F given a conditioning
 * constraint C is −log [WMC(F ∧ C) / WMC(C)] (C = true: −log WMC(F)). Computed in log space: each
 * assignment's log weight is Σ_v log σ(±logit_v) = −Σ_v softplus(∓logit_v), and the counts are
 * log-sum-exps, so confident propositions keep full precision and the gradient is exact.
 */
public final class SemanticLoss {
    private SemanticLoss() {}

    /**
     * −log P(F | C) per row of {@code logits} [N, n] (n = the formulas' propositions); F ∧ C must be
     * satisfiable.
     */
    public static NDArray of(Formula core, Formula conditioning, NDArray logits) {
        Formula both = core.and(conditioning);
        if (both.isFalse()) {
            throw new IllegalArgumentException("the core formula is unsatisfiable under the conditioning constraint");
        }
        int n = core.variables();
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != n) {
            throw new IllegalArgumentException("expected logits [N, " + n + "], got " + logits.getShape());
        }
        NDArray logTrue = Tensors.softplus(logits.neg()).neg();
        NDArray logFalse = Tensors.softplus(logits).neg();
        List<NDArray> weights = new ArrayList<>();
        for (int k = 0; k < 1 << n; k++) {
            NDArray w = null;
            for (int v = 0; v < n; v++) {
                NDArray term = ((k >> v) & 1) == 1 ? logTrue.get(":, " + v) : logFalse.get(":, " + v);
                w = w == null ? term : w.add(term);
            }
            weights.add(w);
        }
        NDArray all = NDArrays.stack(new ai.djl.ndarray.NDList(weights), 1);
        NDArray logBoth = logCount(all, both);
        return conditioning.table() == Formula.constant(true, n).table() ? logBoth.neg() : logCount(all, conditioning).sub(logBoth);
    }

    /** log WMC(F) from the per-assignment log weights [N, 2^n]. */
    private static NDArray logCount(NDArray logWeights, Formula f) {
        float[] keep = new float[1 << f.variables()];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = f.holdsAt(k) ? 0 : Float.NEGATIVE_INFINITY;
        }
        NDArray mask = logWeights.getManager().create(keep, new Shape(1, keep.length)).toType(logWeights.getDataType(), false);
        return Tensors.logSumExp(logWeights.add(mask));
    }

    /** P(F | C) on the host for independent probabilities p_v (for enumerating formulas). */
    public static double probability(Formula core, Formula conditioning, double[] p) {
        double both = 0;
        double given = 0;
        for (int k = 0; k < 1 << p.length; k++) {
            double w = 1;
            for (int v = 0; v < p.length; v++) {
                w *= ((k >> v) & 1) == 1 ? p[v] : 1 - p[v];
            }
            given += conditioning.holdsAt(k) ? w : 0;
            both += conditioning.holdsAt(k) && core.holdsAt(k) ? w : 0;
        }
        return both / given;
    }
}
