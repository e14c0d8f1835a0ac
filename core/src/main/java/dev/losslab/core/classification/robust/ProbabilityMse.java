package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;

/** Squared error between the one-hot label and the softmax: ℓ = Σ_k (e_{y,k} − p_k)² (paper 09 baseline "MSE"). */
public final class ProbabilityMse extends ClassificationObjective {
    public ProbabilityMse() {
        super("prob-mse");
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray d = Tensors.residual(logits.softmax(-1), labels, Tensors.labelLogOdds(logits, labels));
        return d.mul(d).sum(new int[] {-1});
    }
}
