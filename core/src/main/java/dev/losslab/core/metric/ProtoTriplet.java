package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.Inputs;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Proto-Triplet loss (paper 16, Mendez-Ruiz et al. 2023, official {@code proto_triplet_loss}): per
 * query, with d(a, b) = sqrt(‖a − b‖² + 1e-6), d_pos = d(e_q, c_{y_q}) and
 * d_neg = min_{k≠y_q} d(e_q, c_k): ℓ_q = max(d_pos − d_neg + margin, 0).
 */
public final class ProtoTriplet extends AbstractObjective {
    private final double margin;

    /** @param margin m ≥ 0 (official 0.5) */
    public ProtoTriplet(double margin) {
        super("proto-triplet", ProtoNetCrossEntropy.INPUTS);
        Checks.nonNegative("margin", margin);
        this.margin = margin;
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
