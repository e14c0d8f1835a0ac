package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/** Squared error between the one-hot label and the softmax: ℓ = Σ_k (e_{y,k} − p_k)² (paper 09 baseline "MSE"), gradient in closed form. */
public final class ProbabilityMse extends ClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("prob-mse", Kind.LOSS, "classification")
            .papers(9).summary("squared error Σ_k (e_y,k − p_k)² on softmax probabilities")
            .build(p -> new ProbabilityMse());

    public ProbabilityMse() {
        super(COMPONENT.name());
    }

    /**
     * With r = p − e_y (label entry −u = −(1 − p_y) from {@link LabelSoftmax}), ℓ = Σ_k r_k² and, by
     * dp_k/do_j = p_k(δ_kj − p_j), ∂ℓ/∂o_j = 2p_j(r_j − t) with t = Σ_k r_k·p_k = ℓ − u; at the label
     * that is −2p_y·ℓ, elsewhere 2r_j(r_j − t).
     */
    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray r = s.residual();
        NDArray value = r.mul(r).sum(new int[] {1});
        NDArray t = value.sub(s.u());
        NDArray two = Scalars.constant(r, 2);
        NDArray grad = r.sub(t.expandDims(1)).muli(r).muli(two);
        grad.set(LabelSoftmax.atLabels(grad, labels), s.logPy().exp().mul(value).mul(two).neg());
        return Tensors.withGradient(value, logits, grad);
    }
}
