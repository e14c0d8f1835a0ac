package dev.losslab.core.classification;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Tensors;

/** Squared error between the one-hot label and the softmax: ℓ = Σ_k (e_{y,k} − p_k)² (paper 09 baseline "MSE"). */
public final class ProbabilityMse extends ClassificationObjective {
    public ProbabilityMse() {
        super("prob-mse");
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray p = logits.softmax(-1);
        NDArray d = Tensors.oneHot(labels, logits.getShape().get(1), logits).sub(p);
        return d.mul(d).sum(new int[] {-1});
    }
}
