package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import java.util.List;

/**
 * The combined few-shot loss of paper 16 (official {@code get_icnn_loss}): the average of the
 * selected terms among ProtoNet cross-entropy ({@code cross}), {@link ProtoTriplet}
 * ({@code prototriplet}) and the ICNN loss on support ∪ query ({@code fullicnn}, with
 * ipc = shots + queries per class), e.g. cross + prototriplet gives (L_CE + L_PT)/2. Per-sample
 * values are per query (the set-level ICNN term is added to each).
 */
public final class FewShotCombined extends AbstractObjective {
    private final boolean cross;
    private final boolean protoTriplet;
    private final boolean fullIcnn;
    private final double margin;
    private final int k;

    public FewShotCombined(boolean cross, boolean protoTriplet, boolean fullIcnn, double margin, int k) {
        super("fewshot-combined", ProtoNetCrossEntropy.INPUTS);
        if (!cross && !protoTriplet && !fullIcnn) {
            throw new InvalidArgumentException("cross", "select at least one of cross, prototriplet, fullicnn");
        }
        Checks.nonNegative("margin", margin);
        if (k < 1) {
            throw new InvalidArgumentException("k", "must be ≥ 1, got " + k);
        }
        this.cross = cross;
        this.protoTriplet = protoTriplet;
        this.fullIcnn = fullIcnn;
        this.margin = margin;
        this.k = k;
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
