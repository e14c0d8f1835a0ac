package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * Symmetric cross-entropy as parameterised in paper 09's official code (after Wang et al. 2019):
 * ℓ = (1 − b)·(−log p_y) + b·4·(1 − p_y), where 4(1 − p_y) is the reverse cross-entropy with
 * log 0 replaced by −4 (A = −4).
 */
public final class SymmetricCrossEntropy extends ClassificationObjective {
    private final double b;

    /** @param b weight of the reverse term, in [0, 1] */
    public SymmetricCrossEntropy(double b) {
        super("sce");
        if (!(b >= 0 && b <= 1)) {
            throw new InvalidArgumentException("b", "must be in [0, 1], got " + b);
        }
        this.b = b;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray a = Tensors.labelLogOdds(logits, labels);
        return Scalars.mul(Tensors.softplus(a), 1 - b).add(Scalars.mul(Tensors.sigmoid(a), 4 * b));
    }
}
