package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
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
     * ∂ℓ/∂o_j = p_y/(α + p_y)·r_j + ([j ≠ y]·w_j − Σ_k w_k)/(K − 1). Since e^{u_k} = p_k·e^{lse − Σ_j o_j}
     * for k ≠ y (lse the log-sum-exp of the row) and e^{u_y} = e^{−Σ_j o_j}, the second term needs
     * only u = 1 − p_y and row statistics; where some u is below 1e-300 (1e-30 in float32) its
     * logarithm would lose the off-label terms, and the batch is computed entry by entry instead.
     */
    @Override
    protected NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        long k = o.getShape().get(1);
        NDArray h = o.stopGradient();
        LabelSoftmax s = LabelSoftmax.of(o, labels);
        NDArray ce = s.crossEntropy();
        NDArray py = ce.neg().exp();
        NDArray rowSum = h.sum(new int[] {1});
        NDArray firstTerm = py.div(Scalars.add(py, alpha));
        NDArray kMinusOne = Scalars.constant(h, k - 1);
        DataType type = h.getDataType();
        double floor = type == DataType.FLOAT64 ? 1e-300 : type == DataType.FLOAT32 ? 1e-30 : Double.POSITIVE_INFINITY;
        NDArray tail;
        NDArray grad;
        if (java.util.Arrays.stream(s.hostU()).min().orElse(0) >= floor) {
            NDArray u = s.u();
            NDArray offLabel = h.gather(labels.expandDims(1), 1).squeeze(1).add(ce).sub(rowSum);
            NDArray atLabel = rowSum.neg();
            NDArray logKAlpha = Scalars.constant(h, Math.log(k * alpha));
            NDArray logOffLabel = offLabel.add(u.log());
            NDArray m = logOffLabel.maximum(atLabel).maximum(logKAlpha);
            tail = logOffLabel.sub(m).exp().add(atLabel.sub(m).exp()).add(logKAlpha.sub(m).exp()).log().add(m);
            NDArray gamma = offLabel.sub(tail).exp();
            NDArray total = gamma.mul(u).add(atLabel.sub(tail).exp()).div(kMinusOne);
            grad = s.residual().muli(firstTerm.add(gamma.div(kMinusOne)).expandDims(1)).subi(total.expandDims(1));
            grad.set(LabelSoftmax.atLabels(grad, labels), u.mul(firstTerm).neg().sub(total));
        } else {
            NDIndex atLabels = LabelSoftmax.atLabels(h, labels);
            NDArray u = h.sub(rowSum.expandDims(1));
            u.set(atLabels, rowSum.neg());
            double logKAlpha = Math.log(k * alpha);
            NDArray m = Scalars.max(u.max(new int[] {1}, true), logKAlpha);
            NDArray w = u.subi(m).exp();
            NDArray z = w.sum(new int[] {1}, true).add(m.neg().add(Scalars.constant(m, logKAlpha)).exp());
            tail = z.log().add(m).squeeze(1);
            w.divi(z);
            NDArray total = w.sum(new int[] {1}, true);
            w.set(atLabels, py.zerosLike());
            grad = w.subi(total).divi(kMinusOne).addi(s.residual().muli(firstTerm.expandDims(1)));
        }
        NDArray value = Scalars.add(py, alpha).log().neg().add(tail.div(kMinusOne));
        return Tensors.withGradient(value, o, grad);
    }
}
