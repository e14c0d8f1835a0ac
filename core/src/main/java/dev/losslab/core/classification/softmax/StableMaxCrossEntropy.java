package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * StableMax cross-entropy (paper 44, Prieto et al. 2025, official {@code utils.py}):
 * s(x) = x + 1 for x ≥ 0 and 1/(1 − x) for x &lt; 0; StableMax(x)_i = s(x_i)/Σ_j s(x_j);
 * L = −log StableMax(x)_y. Computed in float64 as the official code does (the result is cast back
 * to the logits' type, with the closed-form gradient). s grows only linearly, so probabilities do not round to 1 and the loss is
 * never exactly 0 (no Softmax Collapse). The 1/(1 − x) branch is evaluated at min(x, 0), so the
 * unused branch cannot put inf or NaN into the gradient; s'(0) = 1 from the x + 1 branch.
 */
public final class StableMaxCrossEntropy extends ClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("stablemax-ce", Kind.LOSS, "classification")
            .papers(44).summary("StableMax cross-entropy (s(x) = x+1 or 1/(1−x)), computed in float64")
            .build(p -> new StableMaxCrossEntropy());

    public StableMaxCrossEntropy() {
        super(COMPONENT.name());
    }

    /** s(x) element-wise (x in float64). */
    public static NDArray s(NDArray x) {
        NDArray positive = x.add(1);
        NDArray negative = Scalars.pow(Scalars.min(x, 0).neg().add(1 + 1e-30), -1);
        return NDArrays.where(x.gte(0), positive, negative);
    }

    /** s'(x) = 1 for x ≥ 0 and 1/(1 − x)² for x &lt; 0. */
    static NDArray sPrime(NDArray x) {
        NDArray negative = Scalars.pow(Scalars.min(x, 0).neg().add(1 + 1e-30), -2);
        return NDArrays.where(x.gte(0), x.onesLike(), negative);
    }

    /**
     * Value and gradient are computed in float64 on detached logits (DJL's dtype conversion does
     * not carry gradients) and attached with the closed form
     * ∂L/∂x_k = s'(x_k)/S − [k = y]·s'(x_y)/s(x_y), S = Σ_j s(x_j).
     */
    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray x = logits.stopGradient().toType(DataType.FLOAT64, false);
        NDArray sx = s(x);
        NDArray total = sx.sum(new int[] {-1});
        NDArray sy = Tensors.pick(sx, labels);
        NDArray loss = total.log().sub(sy.log());
        NDArray dsx = sPrime(x);
        NDArray onehot = Tensors.oneHot(labels, x.getShape().get(1), x);
        NDArray grad = dsx.div(total.expandDims(-1)).sub(onehot.mul(Tensors.pick(dsx, labels).div(sy).expandDims(-1)));
        DataType type = logits.getDataType();
        return Tensors.withGradient(loss.toType(type, false), logits, grad.toType(type, false));
    }
}
