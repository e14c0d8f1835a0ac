package dev.losslab.core.classification.margin;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Checks;
import dev.losslab.core.Inputs;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * Crammer–Singer multi-class hinge: ℓ = max_k max(0, margin·[k ≠ y] + o_k − o_y) (Crammer and Singer
 * 2001; a baseline of paper 09 and the λ → 0 limit of {@link dev.losslab.core.classification.robust.LdrKl} on raw scores).
 */
public final class CrammerSingerHinge extends ClassificationObjective {
    private final double margin;

    /** @param margin c ≥ 0 */
    public CrammerSingerHinge(double margin) {
        super("crammer-singer-hinge");
        this.margin = Checks.nonNegative("margin", margin);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        return Margins.violations(logits, labels, margin).max(new int[] {-1});
    }
}
