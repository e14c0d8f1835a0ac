package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/** Squared error between the one-hot label and the softmax: ℓ = Σ_k (e_{y,k} − p_k)² (paper 09 baseline "MSE"). */
public final class ProbabilityMse extends ClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("prob-mse", Kind.LOSS, "classification")
            .papers(9).summary("squared error Σ_k (e_y,k − p_k)² on softmax probabilities")
            .build(p -> new ProbabilityMse());

    public ProbabilityMse() {
        super(COMPONENT.name());
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray d = Tensors.residual(logits.softmax(-1), labels, Tensors.labelLogOdds(logits, labels));
        return d.mul(d).sum(new int[] {-1});
    }
}
