package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registered;

/**
 * Softmax cross-entropy ℓ = −log p_y = log Σ_k e^{h_k} − h_y, with p = softmax(h).
 *
 * <p>The comp-sum loss with τ = 1 (paper 04, Mao, Mohri and Zhong 2023). Gradient: p − e_y.
 *
 * <p>{@link Precision} selects the type the log-softmax is computed in (paper 44's
 * precision-specific cross-entropy, official {@code utils.py}): in float16 or float32 a sample in
 * Softmax Collapse has ℓ = 0 and gradient exactly 0, in float64 it may not. When that type differs
 * from the logits' type, value and gradient p − e_y are computed there on detached logits (DJL's
 * type conversion carries no gradient) and attached in the logits' type. In the logits' own type
 * it is computed from {@link LabelSoftmax} (−log1p(−u) with u = Σ_{k≠y} p_k where u &lt; ½), which
 * keeps full relative precision for confident samples (ℓ ≈ e^{−margin}, not 0), with the gradient
 * p − e_y in closed form (its label entry −u, equally precise); small batches are computed on the
 * host ({@link LabelSoftmax#HOST_ENTRIES}).
 */
public final class CrossEntropy extends ClosedFormClassificationObjective {
    public static final Param PRECISION = Param.choice("precision", Precision.INPUT.label(), Precision.labels(),
            "type the log-softmax is computed in (paper 44's Softmax Collapse)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("cross-entropy", Kind.LOSS, "classification")
            .papers(44).summary("softmax cross-entropy −log p_y, optionally in a chosen precision").params(PRECISION)
            .build(p -> new CrossEntropy(Precision.parse(p.choice(PRECISION))));

    private final Precision precision;

    /** In the logits' own precision. */
    public CrossEntropy() {
        this(Precision.INPUT);
    }

    public CrossEntropy(Precision precision) {
        super(COMPONENT.name());
        this.precision = precision;
    }

    public Precision precision() {
        return precision;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        DataType type = logits.getDataType();
        DataType compute = precision.dataType(type);
        if (compute == type) {
            LabelSoftmax s = LabelSoftmax.of(logits, labels);
            return Tensors.withGradient(s.crossEntropy(), logits, s.residual());
        }
        NDArray logp = logits.stopGradient().toType(compute, false).logSoftmax(-1);
        NDArray loss = Tensors.pick(logp, labels).neg();
        NDArray grad = logp.exp().sub(Tensors.oneHot(labels, logits.getShape().get(1), logp));
        return Tensors.withGradient(loss.toType(type, false), logits, grad.toType(type, false));
    }
}
