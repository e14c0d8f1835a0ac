package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * The softmax of detached logits h [N, C] seen from each sample's label y, with one new [N, C]
 * array (the softmax, later overwritten by the residual) and two row reductions, and full
 * relative precision for confident samples:
 * <ul>
 *   <li>u = 1 − p_y, computed as Σ_{k≠y} p_k (the label entries are zeroed in place first), a sum
 *       of small positives rather than the difference 1 − p_y, which rounds to 0 from a margin of
 *       about 37 in float64; when no p_y exceeds ½ (read in the same synchronisation as the
 *       smallest p_y), 1 − p_y is exact to rounding and is used instead;
 *   <li>log p_y = log(p_y) read from the softmax; where p_y is below a floor at which its relative
 *       precision would suffer (1e-300 in float64, 1e-30 in float32; always in other types) it is
 *       h_y − h_t + log p_t instead, t being the row's largest logit (p_t ≥ 1/C): one host
 *       synchronisation decides, and the argmax pass is only paid when some sample needs it;
 *   <li>the residual p − e_y (the cross-entropy gradient), the softmax with its label entries set
 *       to −u in place;
 *   <li>−log p_y = log(1 + u/p_y) where u &lt; ½ (no cancellation) and −log p_y otherwise.
 * </ul>
 * Confident samples keep their precision down to where u underflows (margins beyond about 745 in
 * float64 and 87 in float32, where −log p_y is below the type's smallest normal number anyway).
 * Nothing here carries a gradient; losses attach their closed-form gradients with
 * {@link Tensors#withGradient}.
 */
public final class LabelSoftmax {
    private final NDArray logPy;
    private final NDArray u;
    private final NDArray residual;

    private final boolean confident;

    private LabelSoftmax(NDArray logPy, NDArray u, NDArray residual, boolean confident) {
        this.logPy = logPy;
        this.u = u;
        this.residual = residual;
        this.confident = confident;
    }

    /** @param logits [N, C] (its gradient is not followed) @param labels INT64 [N] in [0, C) */
    public static LabelSoftmax of(NDArray logits, NDArray labels) {
        NDArray h = logits.stopGradient();
        NDArray p = h.softmax(1);
        NDArray column = labels.expandDims(1);
        NDArray py = p.gather(column, 1).squeeze(1);
        NDArray logPy = py.log();
        DataType type = h.getDataType();
        double floor = type == DataType.FLOAT64 ? 1e-300 : type == DataType.FLOAT32 ? 1e-30 : Double.POSITIVE_INFINITY;
        double[] range = range(py);
        if (Double.isInfinite(floor) || range[0] < floor) {
            NDArray top = h.argMax(1).expandDims(1);
            NDArray fromTop = h.gather(column, 1).sub(h.gather(top, 1)).add(p.gather(top, 1).log()).squeeze(1);
            logPy = NDArrays.where(py.lt(floor), fromTop, logPy);
        }
        NDIndex atLabel = atLabels(logits, labels);
        boolean confident = range[1] > 0.5;
        NDArray u;
        if (confident) {
            p.set(atLabel, py.zerosLike());
            u = p.sum(new int[] {1});
        } else {
            u = py.neg().add(1);
        }
        p.set(atLabel, u.neg());
        return new LabelSoftmax(logPy, u, p, confident);
    }

    /** The smallest and largest entries of a vector, with one host synchronisation. */
    private static double[] range(NDArray v) {
        try (NDArray min = v.min(); NDArray max = v.max(); NDArray both = NDArrays.stack(new NDList(min, max)); NDArray wide = both.toType(DataType.FLOAT64, false)) {
            return wide.toDoubleArray();
        }
    }

    /** The index of the entries (i, y_i) of an [N, C] array, for in-place {@code set} and {@code get}. */
    public static NDIndex atLabels(NDArray matrix, NDArray labels) {
        return new NDIndex("{}, {}", matrix.getManager().arange(0, (int) matrix.getShape().get(0), 1, DataType.INT64), labels);
    }

    /**
     * log p_y [N]; where u &lt; ½ it is −softplus(log u − log p_y) = −log(1 + u/p_y), which equals
     * log(1 − u) while the roundings of u and p_y enter only as relative errors of u/p_y, so
     * confident samples (u/p_y → u) keep full relative precision.
     */
    public NDArray logPy() {
        if (!confident) {
            return logPy;
        }
        return NDArrays.where(u.lt(0.5), Activation.softPlus(u.log().sub(logPy)).neg(), logPy);
    }

    /** u = 1 − p_y = Σ_{k≠y} p_k [N]. */
    public NDArray u() {
        return u;
    }

    /** p − e_y [N, C] with the label entries −u (the cross-entropy gradient). */
    public NDArray residual() {
        return residual;
    }

    /** −log p_y [N], precise for confident samples. */
    public NDArray crossEntropy() {
        return logPy().neg();
    }
}
