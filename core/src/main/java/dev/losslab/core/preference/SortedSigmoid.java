package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;

/**
 * AOT's shared step: sort a and b over the batch (ascending, each on its own) and apply the
 * label-smoothed sigmoid loss (1−ε)·softplus(−β·δ) + ε·softplus(β·δ) to δ = sort(a) − sort(b).
 * The gradient flows back through the sort's permutation.
 */
final class SortedSigmoid {
    /** TRL's {@code label_smoothing} for the AOT losses, default 0 as in TRL. */
    static final Param EPSILON = Param.real("epsilon", 0, Range.closedOpen(0, 0.5), "label smoothing ε (TRL label_smoothing)");

    private final double beta;
    private final double epsilon;

    SortedSigmoid(double beta, double epsilon) {
        this.beta = Dpo.BETA.check(beta);
        this.epsilon = EPSILON.check(epsilon);
    }

    NDArray apply(NDArray a, NDArray b) {
        NDArray z = Scalars.mul(a.sort(0).sub(b.sort(0)), beta);
        return SmoothedSigmoid.loss(z, epsilon);
    }
}
