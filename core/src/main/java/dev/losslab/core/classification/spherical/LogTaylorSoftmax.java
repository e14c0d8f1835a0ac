package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;

/**
 * Log-Taylor-softmax (paper 02's spherical family; de Brébisson and Vincent 2016): the
 * second-order Taylor expansion of exp replaces it in the softmax,
 * p_c = (1 + o_c + o_c²/2)/(D + s + q/2), L = −log p_c. The numerator is ≥ 1/2, so L is finite.
 */
public final class LogTaylorSoftmax extends SphericalLoss {
    public LogTaylorSoftmax() {
        super("log-taylor-softmax");
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        NDArray num = oc.add(1).add(Scalars.div(oc.mul(oc), 2));
        NDArray den = s.add(dim).add(Scalars.div(q, 2));
        return den.log().sub(num.log());
    }
}
