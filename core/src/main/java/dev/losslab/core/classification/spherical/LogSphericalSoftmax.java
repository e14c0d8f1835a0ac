package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Log-spherical-softmax (paper 02's spherical family): p_c = (o_c² + eps)/(q + D·eps),
 * L = −log p_c. eps &gt; 0 keeps it finite; the companion paper reports it unstable without it.
 */
public final class LogSphericalSoftmax extends SphericalLoss {
    public static final Param EPS = Param.real("eps", 0.01, Range.greaterThan(0), "stability constant");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("log-spherical-softmax", Kind.LOSS, "classification")
            .papers(2).summary("−log((o_c² + eps)/(q + D·eps))").params(EPS)
            .build(p -> new LogSphericalSoftmax(p.real(EPS)));

    private final double eps;

    /** @param eps stability constant &gt; 0 */
    public LogSphericalSoftmax(double eps) {
        super(COMPONENT.name());
        this.eps = EPS.check(eps);
    }

    @Override
    protected boolean readsSum() {
        return false;
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        return q.add(dim * eps).log().sub(oc.mul(oc).add(eps).log());
    }
}
