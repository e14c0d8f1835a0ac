package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * Cross-entropy against the smoothed target q = (1 − smoothing)·e_y + smoothing/C:
 * ℓ = −Σ_k q_k log p_k = (1 − smoothing)(−log p_y) + smoothing·(−(1/C) Σ_k log p_k).
 *
 * <p>Szegedy et al. 2016 (Inception-v3), as in PyTorch's {@code label_smoothing}. A baseline for
 * the classification papers; smoothing = 0 is cross-entropy. Gradient: p − q.
 */
public final class LabelSmoothing extends ClassificationObjective {
    private final double smoothing;

    /** @param smoothing in [0, 1] */
    public LabelSmoothing(double smoothing) {
        super("label-smoothing");
        if (!(smoothing >= 0 && smoothing <= 1)) {
            throw new InvalidArgumentException("smoothing", "must be in [0, 1], got " + smoothing);
        }
        this.smoothing = smoothing;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray logp = logits.logSoftmax(-1);
        NDArray nll = Tensors.softplus(Tensors.labelLogOdds(logits, labels));
        NDArray uniform = logp.mean(new int[] {-1}).neg();
        return Scalars.mul(nll, 1 - smoothing).add(Scalars.mul(uniform, smoothing));
    }
}
