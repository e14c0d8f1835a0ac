package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

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

    public static final Param ALPHA = Param.real("alpha", 5, Range.closed(0, 10), "weight of NCE; the passive term gets 10 − alpha");
    public static final Param AGCE_A = Param.real("a", 3, Range.greaterThan(0), "AGCE a");
    public static final Param AGCE_Q = Param.real("q", 1.5, Range.greaterThan(0), "AGCE q");
    public static final Param AUL_A = Param.real("a", 6, Range.greaterThan(1), "AUL a");
    public static final Param AUL_Q = Param.real("q", 1.5, Range.greaterThan(0), "AUL q");

    @Registered
    public static final Component<Objective> NCE_RCE = Component.declare("nce-rce", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·RCE").params(ALPHA)
            .build(p -> new ActivePassive(Passive.RCE, p.real(ALPHA), 0, 1));

    @Registered
    public static final Component<Objective> NCE_AGCE = Component.declare("nce-agce", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·AGCE, AGCE = ((a+1)^q − (a+p_y)^q)/q").params(ALPHA, AGCE_A, AGCE_Q)
            .build(p -> new ActivePassive(Passive.AGCE, p.real(ALPHA), p.real(AGCE_A), p.real(AGCE_Q)));

    @Registered
    public static final Component<Objective> NCE_AUL = Component.declare("nce-aul", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·AUL, AUL = ((a − p_y)^q − (a−1)^q)/q").params(ALPHA, AUL_A, AUL_Q)
            .build(p -> new ActivePassive(Passive.AUL, p.real(ALPHA), p.real(AUL_A), p.real(AUL_Q)));

    private static final double RCE_FLOOR = 1e-7;
    private static final double RCE_SCALE = -Math.log(1e-4);

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
        super(switch (passive) {
            case RCE -> NCE_RCE.name();
            case AGCE -> NCE_AGCE.name();
            case AUL -> NCE_AUL.name();
        });
        if (passive == Passive.AGCE) {
            AGCE_A.check(a);
            AGCE_Q.check(q);
        } else if (passive == Passive.AUL) {
            AUL_A.check(a);
            AUL_Q.check(q);
        }
        this.passive = passive;
        this.alpha = ALPHA.check(alpha);
        this.a = a;
        this.q = q;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        long classes = logits.getShape().get(1);
        NDArray h = logits.stopGradient();
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray r = s.residual();
        NDArray u = s.u();
        NDArray ce = s.crossEntropy();
        // S = −Σ_k log p_k = Σ_k (lse − h_k) with lse = h_y + ℓ_CE
        NDArray total = Scalars.mul(h.gather(labels.expandDims(1), 1).squeeze(1).add(ce), classes).sub(h.sum(new int[] {1}));
        NDArray nce = ce.div(total);
        NDArray nceOverS = nce.div(total);
        double beta = 10 - alpha;
        NDArray passiveValue;
        NDArray rowCoefficient = Scalars.mul(Scalars.rdiv(1, total).sub(Scalars.mul(nceOverS, classes)), alpha);
        NDArray labelOnly = Scalars.mul(nceOverS, -alpha * (classes - 1));
        NDArray kept = null;
        switch (passive) {
            case RCE: {
                passiveValue = Scalars.mul(Scalars.max(r, RCE_FLOOR).sum(new int[] {1}).sub(Scalars.constant(r, RCE_FLOOR)), RCE_SCALE);
                kept = NDArrays.where(r.gte(RCE_FLOOR), r, r.zerosLike());
                NDArray keptMass = Scalars.mul(kept.sum(new int[] {1}), beta * RCE_SCALE);
                rowCoefficient = rowCoefficient.sub(keptMass);
                labelOnly = labelOnly.sub(keptMass);
                break;
            }
            case AGCE: {
                passiveValue = Scalars.mul(Tensors.expm1(Scalars.mul(Tensors.log1p(Scalars.div(u, -(a + 1))), q)), -Math.pow(a + 1, q) / q);
                rowCoefficient = rowCoefficient.add(Scalars.mul(Scalars.pow(Scalars.add(u.neg(), a + 1), q - 1).mul(s.logPy().exp()), beta));
                break;
            }
            default: {
                passiveValue = Scalars.mul(Tensors.expm1(Scalars.mul(Tensors.log1p(Scalars.div(u, a - 1)), q)), Math.pow(a - 1, q) / q);
                rowCoefficient = rowCoefficient.add(Scalars.mul(Scalars.pow(Scalars.add(u, a - 1), q - 1).mul(s.logPy().exp()), beta));
            }
        }
        NDArray labelGradient = u.mul(rowCoefficient).neg().add(labelOnly);
        NDArray grad = r.muli(rowCoefficient.expandDims(1)).addi(Scalars.mul(nceOverS, alpha).expandDims(1));
        if (kept != null) {
            grad.addi(Scalars.mul(kept, beta * RCE_SCALE));
        }
        grad.set(LabelSoftmax.atLabels(grad, labels), labelGradient);
        return Tensors.withGradient(Scalars.mul(nce, alpha).add(Scalars.mul(passiveValue, beta)), logits, grad);
    }
}
