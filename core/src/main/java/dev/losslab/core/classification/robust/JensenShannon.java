package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.losslab.core.Inputs;
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
 * Generalized Jensen–Shannon loss (Englesson and Azizpour 2021) as in paper 09's official code,
 * with weights (π1, π2 = 1 − π1): m = π1·e_y + π2·p and
 * ℓ = Z·[π1·KL(e_y ‖ m) + π2·KL(p ‖ m)], Z = −1/((1 − π1)·log(1 − π1)), where
 * KL(d ‖ m) = Σ_{d_k&gt;0} d_k·(log max(d_k, 1e-7) − log clamp(m_k, 1e-7, 1)) (the code's clamps).
 * The label's terms are computed from u = 1 − p_y = σ(a), a = log Σ_{k≠y} e^{o_k} − o_y, and summed
 * by a series where they cancel, so confident samples keep full relative precision.
 */
public final class JensenShannon extends ClassificationObjective {
    private static final double EPS = 1e-7;
    public static final Param PI1 = Param.real("pi1", 0.5, Range.open(0, 1), "weight of the label distribution");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("js", Kind.LOSS, "classification")
            .papers(9).summary("generalized Jensen–Shannon loss with weights (pi1, 1 − pi1)").params(PI1)
            .build(p -> new JensenShannon(p.real(PI1)));

    private final double pi1;

    /** @param pi1 weight of the label distribution, in (0, 1) */
    public JensenShannon(double pi1) {
        super(COMPONENT.name());
        this.pi1 = PI1.check(pi1);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        double pi2 = 1 - pi1;
        NDArray p = logits.softmax(-1);
        NDArray a = Tensors.labelLogOdds(logits, labels);
        NDArray notLabel = Tensors.notLabel(labels, logits).toType(p.getDataType(), false);
        NDArray others = p.mul(Scalars.max(p, EPS).log().sub(Scalars.mul(p, pi2).clip(EPS, 1).log()))
                .mul(p.gt(0).toType(p.getDataType(), false)).mul(notLabel).sum(new int[] {-1});
        double z = -1 / (pi2 * Math.log(pi2));
        return Scalars.mul(labelTerm(a, pi2).add(Scalars.mul(others, pi2)), z);
    }

    /**
     * The label's share π1·KL(e_y ‖ m)_y + π2·p_y·(log p_y − log m_y) = L·(1 − π2u) + π2(1 − u)·log(1 − u)
     * with u = 1 − p_y = σ(a), L = −log(1 − π2·u); its terms cancel to π1π2u²/2 + π2(1 − π2²)u³/6 + O(u⁴),
     * which is used for u &lt; 1e-4.
     */
    private NDArray labelTerm(NDArray a, double pi2) {
        NDArray u = Tensors.sigmoid(a);
        NDArray logMy = Tensors.log1p(Scalars.max(Scalars.mul(u, -pi2), EPS - 1));
        NDArray direct = Scalars.mul(u, -pi2).add(1).mul(logMy.neg()).add(Scalars.mul(u.neg().add(1), pi2).mul(Tensors.softplus(a).neg()));
        NDArray u2 = u.mul(u);
        NDArray series = Scalars.mul(u2, pi1 * pi2 / 2).add(Scalars.mul(u2.mul(u), pi2 * (1 - pi2 * pi2) / 6));
        return NDArrays.where(u.gte(1e-4), direct, series);
    }
}
