package dev.losslab.core.metric;

import static dev.losslab.core.InputNames.QUERY;
import static dev.losslab.core.InputNames.QUERY_LABELS;
import static dev.losslab.core.InputNames.SUPPORT;
import static dev.losslab.core.InputNames.SUPPORT_LABELS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Checks;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;

/**
 * A validated few-shot episode read from the inputs {@code support} [S, E], {@code support_labels}
 * [S], {@code query} [Q, E] and {@code query_labels} [Q], with episode labels 0..n−1 (n-way).
 *
 * @param support support embeddings
 * @param supportLabels INT64 labels of the support
 * @param query query embeddings
 * @param queryLabels INT64 labels of the queries
 * @param ways number of classes n
 */
public record Episode(NDArray support, NDArray supportLabels, NDArray query, NDArray queryLabels, int ways) {
    public static Episode of(Inputs inputs) {
        NDArray s = inputs.get(SUPPORT);
        NDArray q = inputs.get(QUERY);
        Checks.matrix(SUPPORT, s, 1);
        Checks.matrix(QUERY, q, 1);
        if (s.getShape().get(1) != q.getShape().get(1)) {
            throw new InvalidArgumentException(QUERY, "embedding size " + q.getShape().get(1) + " differs from the support's " + s.getShape().get(1));
        }
        NDArray sl = inputs.get(SUPPORT_LABELS);
        Checks.vector(SUPPORT_LABELS, sl, s.getShape().get(0));
        long[] sLabels = sl.toType(DataType.INT64, false).toLongArray();
        int ways = 0;
        for (long v : sLabels) {
            if (v < 0) {
                throw new InvalidArgumentException(SUPPORT_LABELS, "labels must be ≥ 0, found " + v);
            }
            ways = (int) Math.max(ways, v + 1);
        }
        boolean[] seen = new boolean[ways];
        for (long v : sLabels) {
            seen[(int) v] = true;
        }
        for (int c = 0; c < ways; c++) {
            if (!seen[c]) {
                throw new InvalidArgumentException(SUPPORT_LABELS, "episode labels must be 0..n−1 with a support example each; class " + c + " has none");
            }
        }
        if (ways < 2) {
            throw new InvalidArgumentException(SUPPORT_LABELS, "an episode needs at least 2 classes");
        }
        NDArray ql = Checks.labels(QUERY_LABELS, inputs.get(QUERY_LABELS), q.getShape().get(0), ways);
        return new Episode(s, sl.toType(DataType.INT64, false), q, ql, ways);
    }

    /** Class prototypes c_k = mean of the support embeddings of class k, shape [n, E]. */
    public NDArray prototypes() {
        NDArray onehot = supportLabels.oneHot(ways, support.getDataType());
        NDArray counts = onehot.sum(new int[] {0}).expandDims(-1);
        return onehot.transpose().matMul(support).div(counts);
    }

    /** The distance of both new losses of paper 16: d(a, b) = sqrt(‖a − b‖² + 1e-6), shape [A, B]. */
    public static NDArray distances(NDArray a, NDArray b) {
        NDArray diff = a.expandDims(1).sub(b.expandDims(0));
        return diff.mul(diff).sum(new int[] {-1}).add(1e-6).sqrt();
    }
}
