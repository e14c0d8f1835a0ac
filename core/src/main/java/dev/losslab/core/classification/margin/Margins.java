package dev.losslab.core.classification.margin;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;

/** Shared pieces of the multi-class hinge losses. */
final class Margins {
    private Margins() {}

    /** The hinge margin c, default 1. */
    static final Param MARGIN = Param.real("margin", 1, Range.atLeast(0), "margin c added to every k ≠ y");

    /**
     * The margins v_k = margin·[k ≠ y] + h_k − h_y of the detached logits h [N, K], with v_y = 0
     * exactly; one new [N, K] array and no gradient. The hinges attach theirs in closed form, with
     * the subgradient 0 where a violation is exactly 0.
     */
    static NDArray margins(NDArray logits, NDArray labels, double margin) {
        NDArray h = logits.stopGradient();
        NDArray v = h.sub(h.gather(labels.expandDims(1), 1)).addi(Scalars.constant(h, margin));
        v.set(LabelSoftmax.atLabels(v, labels), v.getManager().zeros(labels.getShape(), v.getDataType()));
        return v;
    }
}
