package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * Active–passive combinations of paper 09's baselines (Ma et al. 2020; Zhou et al. 2021), as in its
 * official code: ℓ = alpha·NCE + (10 − alpha)·X, with NCE = (−log p_y)/(−Σ_k log p_k) and X one of
 * <ul>
 *   <li>{@code nce-rce}: RCE = −Σ_k clamp(p_k, 1e-7, 1)·log clamp(e_{y,k}, 1e-4, 1) = −log(1e-4)·Σ_{k≠y} clamp(p_k, 1e-7, 1);
 *   <li>{@code nce-agce}: AGCE = ((a + 1)^q − (a + p_y)^q)/q (defaults a = 3, q = 1.5);
 *   <li>{@code nce-aul}: AUL = ((a − p_y)^q − (a − 1)^q)/q (defaults a = 6, q = 1.5).
 * </ul>
 * With u = 1 − p_y = σ(a), a = log Σ_{k≠y} e^{o_k} − o_y, AGCE is evaluated as
 * −(a+1)^q·expm1(q·log1p(−u/(a+1)))/q and AUL as (a−1)^q·expm1(q·log1p(u/(a−1)))/q, and
 * −log p_y as softplus(a): confident samples keep full relative precision.
 */
public final class ActivePassive extends ClassificationObjective {
    /** The passive term. */
    public enum Passive {
        RCE,
        AGCE,
        AUL
    }

    private final Passive passive;
    private final double alpha;
    private final double a;
    private final double q;

    /**
     * @param alpha weight of NCE in [0, 10]; the passive term gets 10 − alpha
     * @param a AGCE/AUL parameter (ignored for RCE); AUL needs a &gt; 1
     * @param q AGCE/AUL exponent &gt; 0 (ignored for RCE)
     */
    public ActivePassive(Passive passive, double alpha, double a, double q) {
        super("nce-" + passive.name().toLowerCase(java.util.Locale.ROOT));
        if (!(alpha >= 0 && alpha <= 10)) {
            throw new InvalidArgumentException("alpha", "must be in [0, 10], got " + alpha);
        }
        if (passive != Passive.RCE) {
            if (!(a > (passive == Passive.AUL ? 1 : 0)) || Double.isInfinite(a)) {
                throw new InvalidArgumentException("a", "must be a finite number > " + (passive == Passive.AUL ? 1 : 0) + ", got " + a);
            }
            if (!(q > 0) || Double.isInfinite(q)) {
                throw new InvalidArgumentException("q", "must be a finite number > 0, got " + q);
            }
        }
        this.passive = passive;
        this.alpha = alpha;
        this.a = a;
        this.q = q;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray odds = Tensors.labelLogOdds(logits, labels);
        NDArray nce = Tensors.softplus(odds).neg().div(logp.sum(new int[] {-1}));
        NDArray p = logp.exp();
        NDArray u = Tensors.sigmoid(odds);
        NDArray x;
        switch (passive) {
            case RCE:
                NDArray notY = Tensors.oneHot(labels, logits.getShape().get(1), logits).neg().add(1);
                x = Scalars.mul(p.clip(1e-7, 1).mul(notY).sum(new int[] {-1}), -Math.log(1e-4));
                break;
            case AGCE:
                x = Scalars.mul(Tensors.expm1(Scalars.mul(Tensors.log1p(Scalars.div(u, -(a + 1))), q)), -Math.pow(a + 1, q) / q);
                break;
            default:
                x = Scalars.mul(Tensors.expm1(Scalars.mul(Tensors.log1p(Scalars.div(u, a - 1)), q)), Math.pow(a - 1, q) / q);
        }
        return Scalars.mul(nce, alpha).add(Scalars.mul(x, 10 - alpha));
    }
}
