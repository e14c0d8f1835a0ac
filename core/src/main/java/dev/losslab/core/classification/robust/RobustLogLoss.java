package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
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

    /**
     * Value and closed-form gradient: with p the softmax, r = p − e_y and w_k = e^{u_k}/(Σ_j e^{u_j} + Kα),
     * ∂ℓ/∂o_j = p_y/(α + p_y)·r_j + ([j ≠ y]·w_j − Σ_k w_k)/(K − 1).
     */
    @Override
    protected NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        long k = o.getShape().get(1);
        NDArray h = o.stopGradient();
        LabelSoftmax s = LabelSoftmax.of(o, labels);
        NDArray py = s.logPy().exp();
        NDIndex atLabels = LabelSoftmax.atLabels(h, labels);
        NDArray rowSum = h.sum(new int[] {1}, true);
        NDArray u = h.sub(rowSum);
        u.set(atLabels, rowSum.squeeze(1).neg());
        double logKAlpha = Math.log(k * alpha);
        NDArray m = Scalars.max(u.max(new int[] {1}, true), logKAlpha);
        NDArray w = u.subi(m).exp();
        NDArray z = w.sum(new int[] {1}, true).add(m.neg().add(Scalars.constant(m, logKAlpha)).exp());
        NDArray tail = z.log().add(m).squeeze(1);
        w.divi(z);
        NDArray total = w.sum(new int[] {1}, true);
        w.set(atLabels, py.zerosLike());
        NDArray grad = w.subi(total)
                .divi(Scalars.constant(w, k - 1))
                .addi(s.residual().muli(py.div(Scalars.add(py, alpha)).expandDims(1)));
        NDArray value = Scalars.add(py, alpha).log().neg().add(Scalars.div(tail, k - 1));
        return Tensors.withGradient(value, o, grad);
    }
}
