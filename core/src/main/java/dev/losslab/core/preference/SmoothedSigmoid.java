package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * The label-smoothed sigmoid loss that cDPO, CPO, SimPO and AOT share: with a logit z and label
 * smoothing ε, −(1−ε)·log σ(z) − ε·log σ(−z) = (1−ε)·softplus(−z) + ε·softplus(z).
 */
final class SmoothedSigmoid {
    private SmoothedSigmoid() {}

    static NDArray loss(NDArray z, double epsilon) {
        return Scalars.mul(Tensors.softplus(z.neg()), 1 - epsilon).add(Scalars.mul(Tensors.softplus(z), epsilon));
    }
}
