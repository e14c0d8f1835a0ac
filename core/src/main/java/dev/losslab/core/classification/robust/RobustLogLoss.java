package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
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
 * The robust log loss (RLL) exactly as paper 09's official code computes it:
 * ℓ = −log(α + p_y) + (1/(K−1))·log Σ_k (exp(u_k) + α), with u_k = [k ≠ y]·o_k − Σ_j o_j.
 *
 * <p>This form is what produced the paper's baseline numbers. It is not a function of the
 * probabilities alone: adding a constant to every logit changes it (spec 09, second reading). The
 * published RLL (Kumar and Sastry 2018) is shift-invariant; it is not substituted here. The second
 * term is evaluated as log(Σ_k e^{u_k} + Kα) with a max shift, finite for any logits.
 */
public final class RobustLogLoss extends ClassificationObjective {
    public static final Param ALPHA = Param.real("alpha", 1, Range.greaterThan(0), "α");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("rll", Kind.LOSS, "classification")
            .papers(9).summary("robust log loss, official-code form (not shift-invariant)").params(ALPHA)
            .build(p -> new RobustLogLoss(p.real(ALPHA)));

    private final double alpha;

    /** @param alpha α &gt; 0 */
    public RobustLogLoss(double alpha) {
        super(COMPONENT.name());
        this.alpha = ALPHA.check(alpha);
    }

    @Override
    protected NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        long k = o.getShape().get(1);
        NDArray py = Tensors.pick(o.softmax(-1), labels);
        NDArray notY = Tensors.oneHot(labels, k, o).neg().add(1);
        NDArray u = notY.mul(o).sub(o.sum(new int[] {-1}, true));
        double logKAlpha = Math.log(k * alpha);
        NDArray m = Scalars.max(u.max(new int[] {-1}, true), logKAlpha).stopGradient();
        NDArray tail = u.sub(m).exp().sum(new int[] {-1}).add(m.squeeze(-1).neg().add(logKAlpha).exp()).log().add(m.squeeze(-1));
        return py.add(alpha).log().neg().add(Scalars.div(tail, k - 1));
    }
}
