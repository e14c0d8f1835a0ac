package dev.losslab.core.classification;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Tensors;

/** Shared pieces of the multi-class hinge losses. */
final class Margins {
    private Margins() {}

    static double check(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new InvalidArgumentException("margin", "must be a finite number ≥ 0, got " + margin);
        }
        return margin;
    }

    /** max(0, margin·[k ≠ y] + o_k − o_y), shape [N, K]; the k = y entry is 0. */
    static NDArray violations(NDArray o, NDArray labels, double margin) {
        NDArray notY = Tensors.oneHot(labels, o.getShape().get(1), o).neg().add(1);
        return notY.mul(margin).add(o).sub(Tensors.pick(o, labels).expandDims(-1)).maximum(0);
    }
}
