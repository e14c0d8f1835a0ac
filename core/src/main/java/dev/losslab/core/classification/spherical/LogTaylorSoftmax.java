package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Log-Taylor-softmax (paper 02's spherical family; de Brébisson and Vincent 2016): the
 * second-order Taylor expansion of exp replaces it in the softmax,
 * p_c = (1 + o_c + o_c²/2)/(D + s + q/2), L = −log p_c. The numerator is ≥ 1/2, so L is finite.
 */
public final class LogTaylorSoftmax extends SphericalLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("log-taylor-softmax", Kind.LOSS, "classification")
            .papers(2).summary("−log of the second-order Taylor softmax")
            .build(p -> new LogTaylorSoftmax());

    public LogTaylorSoftmax() {
        super(COMPONENT.name());
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        NDArray num = oc.add(1).add(Scalars.div(oc.mul(oc), 2));
        NDArray den = s.add(dim).add(Scalars.div(q, 2));
        return den.log().sub(num.log());
    }
}
