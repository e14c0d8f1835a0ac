package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Checks;

/**
 * Log-spherical-softmax (paper 02's spherical family): p_c = (o_c² + eps)/(q + D·eps),
 * L = −log p_c. eps &gt; 0 keeps it finite; the companion paper reports it unstable without it.
 */
public final class LogSphericalSoftmax extends SphericalLoss {
    private final double eps;

    /** @param eps stability constant &gt; 0 */
    public LogSphericalSoftmax(double eps) {
        super("log-spherical-softmax");
        Checks.positive("eps", eps);
        this.eps = eps;
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        return q.add(dim * eps).log().sub(oc.mul(oc).add(eps).log());
    }
}
