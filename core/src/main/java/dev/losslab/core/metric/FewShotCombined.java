package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registered;

/**
 * The combined few-shot loss of paper 16 (official {@code get_icnn_loss}): the average of the
 * selected terms among ProtoNet cross-entropy ({@code cross}), {@link ProtoTriplet}
 * ({@code prototriplet}) and the ICNN loss on support ∪ query ({@code fullicnn}, with
 * ipc = shots + queries per class), e.g. cross + prototriplet gives (L_CE + L_PT)/2. Per-sample
 * values are per query (the set-level ICNN term is added to each).
 */
public final class FewShotCombined extends AbstractObjective {
    public static final Param CROSS = Param.bool("cross", true, "include ProtoNet cross-entropy");
    public static final Param PROTOTRIPLET = Param.bool("prototriplet", true, "include Proto-Triplet");
    public static final Param FULLICNN = Param.bool("fullicnn", false, "include ICNN on support ∪ query");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("fewshot-combined", Kind.LOSS, "metric")
            .papers(16).summary("average of the selected terms: ProtoNet CE, Proto-Triplet, ICNN on support ∪ query (episode inputs)")
            .params(CROSS, PROTOTRIPLET, FULLICNN, ProtoTriplet.MARGIN, IcnnScore.K)
            .build(p -> new FewShotCombined(p.bool(CROSS), p.bool(PROTOTRIPLET), p.bool(FULLICNN), p.real(ProtoTriplet.MARGIN), p.integer(IcnnScore.K)));

    private final boolean cross;
    private final boolean protoTriplet;
    private final boolean fullIcnn;
    private final double margin;
    private final int k;

    public FewShotCombined(boolean cross, boolean protoTriplet, boolean fullIcnn, double margin, int k) {
        super(COMPONENT.name(), ProtoNetCrossEntropy.INPUTS);
        if (!cross && !protoTriplet && !fullIcnn) {
            throw new InvalidArgumentException("cross", "select at least one of cross, prototriplet, fullicnn");
        }
        this.cross = cross;
        this.protoTriplet = protoTriplet;
        this.fullIcnn = fullIcnn;
        this.margin = ProtoTriplet.MARGIN.check(margin);
        this.k = IcnnScore.K.check(k);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        Episode e = Episode.of(inputs);
        NDArray total = null;
        int terms = 0;
        if (cross) {
            total = ProtoNetCrossEntropy.perQuery(e);
            terms++;
        }
        if (protoTriplet) {
            NDArray pt = ProtoTriplet.perQuery(e, margin);
            total = total == null ? pt : total.add(pt);
            terms++;
        }
        if (fullIcnn) {
            long s = e.support().getShape().get(0);
            long q = e.query().getShape().get(0);
            int ipc = (int) ((s + q) / e.ways());
            NDArray all = NDArrays.concat(new NDList(e.support(), e.query()));
            long[] labels = NDArrays.concat(new NDList(e.supportLabels(), e.queryLabels())).toLongArray();
            NDArray icnn = IcnnScore.score(all, labels, k, ipc).log().neg();
            total = total == null ? icnn.broadcast(q) : total.add(icnn);
            terms++;
        }
        return Scalars.div(total, terms);
    }
}
