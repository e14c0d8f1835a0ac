package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;

/** Squared error to the one-hot target on raw outputs, L = Σ_k (o_k − [k = c])² = q − 2·o_c + 1 (paper 02's spherical family). */
public final class SphericalMse extends SphericalLoss {
    public SphericalMse() {
        super("spherical-mse");
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        return q.sub(Scalars.mul(oc, 2)).add(1);
    }
}
