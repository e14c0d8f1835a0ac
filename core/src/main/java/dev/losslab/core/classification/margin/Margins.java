package dev.losslab.core.classification.margin;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;

/** Shared pieces of the multi-class hinge losses. */
final class Margins {
    private Margins() {}

    /** The hinge margin c, default 1. */
    static final Param MARGIN = Param.real("margin", 1, Range.atLeast(0), "margin c added to every k ≠ y");

    /** max(0, margin·[k ≠ y] + o_k − o_y), shape [N, K]; the k = y entry is 0. */
    static NDArray violations(NDArray o, NDArray labels, double margin) {
        NDArray notY = Tensors.oneHot(labels, o.getShape().get(1), o).neg().add(1);
        return Scalars.max(Scalars.mul(notY, margin).add(o).sub(Tensors.pick(o, labels).expandDims(-1)), 0);
    }
}
