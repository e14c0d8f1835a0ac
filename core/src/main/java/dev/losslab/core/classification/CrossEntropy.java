package dev.losslab.core.classification;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Tensors;

/**
 * Softmax cross-entropy ℓ = −log p_y = log Σ_k e^{h_k} − h_y, with p = softmax(h).
 *
 * <p>The comp-sum loss with τ = 1 (paper 04, Mao, Mohri and Zhong 2023). Gradient: p − e_y.
 */
public final class CrossEntropy extends ClassificationObjective {
    public CrossEntropy() {
        super("cross-entropy");
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        return Tensors.pick(logits.logSoftmax(-1), labels).neg();
    }
}
