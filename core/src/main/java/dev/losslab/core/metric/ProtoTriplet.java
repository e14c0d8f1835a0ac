package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Proto-Triplet loss (paper 16, Mendez-Ruiz et al. 2023, official {@code proto_triplet_loss}): per
 * query, with d(a, b) = sqrt(‖a − b‖² + 1e-6), d_pos = d(e_q, c_{y_q}) and
 * d_neg = min_{k≠y_q} d(e_q, c_k): ℓ_q = max(d_pos − d_neg + margin, 0).
 */
public final class ProtoTriplet extends AbstractObjective {
    public static final Param MARGIN = Param.real("margin", 0.5, Range.atLeast(0), "triplet margin");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("proto-triplet", Kind.LOSS, "metric")
            .papers(16).summary("Proto-Triplet max(d(e_q, c_y) − min_{k≠y} d(e_q, c_k) + margin, 0) (episode inputs)").params(MARGIN)
            .build(p -> new ProtoTriplet(p.real(MARGIN)));

    private final double margin;

    /** @param margin m ≥ 0 (official 0.5) */
    public ProtoTriplet(double margin) {
        super(COMPONENT.name(), ProtoNetCrossEntropy.INPUTS);
        this.margin = MARGIN.check(margin);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        return perQuery(Episode.of(inputs), margin);
    }

    static NDArray perQuery(Episode e, double margin) {
        NDArray d = Episode.distances(e.query(), e.prototypes());
        NDArray own = Tensors.oneHot(e.queryLabels(), e.ways(), d);
        NDArray dPos = Tensors.pick(d, e.queryLabels());
        NDArray dNeg = d.add(Scalars.mul(own, 1e30)).min(new int[] {-1});
        return Scalars.max(dPos.sub(dNeg).add(margin), 0);
    }
}
