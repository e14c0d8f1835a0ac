package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/** Squared error to the one-hot target on raw outputs, L = Σ_k (o_k − [k = c])² = q − 2·o_c + 1 (paper 02's spherical family). */
public final class SphericalMse extends SphericalLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("spherical-mse", Kind.LOSS, "classification")
            .papers(2).summary("squared error to the one-hot target on raw outputs, q − 2·o_c + 1")
            .build(p -> new SphericalMse());

    public SphericalMse() {
        super(COMPONENT.name());
    }

    @Override
    protected boolean readsSum() {
        return false;
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        return q.sub(Scalars.mul(oc, 2)).add(1);
    }
}
