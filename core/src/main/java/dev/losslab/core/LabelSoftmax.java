package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The softmax of detached logits h [N, C] seen from each sample's label y, with one new [N, C]
 * array (the softmax, later overwritten by the residual), its per-sample statistics read to the
 * host once (p_y, and u where some sample is confident) and finished there in float64, and full
 * relative precision for confident samples:
 * <ul>
 *   <li>u = 1 − p_y, computed as Σ_{k≠y} p_k (the label entries are zeroed in place first), a sum
 *       of small positives rather than the difference 1 − p_y, which rounds to 0 from a margin of
 *       about 37 in float64; when no p_y exceeds ½ (read with the other p_y), 1 − p_y is exact
 *       to rounding and is used instead;
 *   <li>log p_y = log(p_y) read from the softmax; where p_y is below a floor at which its relative
 *       precision would suffer (1e-300 in float64, 1e-30 in float32; always in other types) it is
 *       h_y − h_t + log p_t instead, t being the row's largest logit (p_t ≥ 1/C); the argmax pass
 *       is only paid when some sample needs it;
 *   <li>the residual p − e_y (the cross-entropy gradient), the softmax with its label entries set
 *       to −u in place;
 *   <li>−log p_y = log(1 + u/p_y) where u &lt; ½ (no cancellation) and −log p_y otherwise.
 * </ul>
 * Confident samples keep their precision down to where u underflows (margins beyond about 745 in
 * float64 and 87 in float32, where −log p_y is below the type's smallest normal number anyway).
 * Nothing here carries a gradient; losses attach their closed-form gradients with
 * {@link Tensors#withGradient}.
 *
 * <p>Batches of at most {@link #HOST_ENTRIES} entries (float32 or float64) are computed row by row
 * on the host in float64 instead: with t = max_k h_k and s = Σ_k e^{h_k − t}, p_k = e^{h_k − t}/s,
 * u = Σ_{k≠y} p_k, and log p_y = −log1p(u/p_y) where u &lt; ½, (h_y − t) − log s otherwise (exact
 * for any p_y, so no floor is needed). Same statistics, one read of the logits and one upload of
 * the residual: at small sizes every engine call costs 2–10 µs through DJL's JNI, and the engine
 * form makes about fifteen of them.
 */
public final class LabelSoftmax {
    /** Largest N·C computed on the host (about 40 µs of host arithmetic). */
    public static final long HOST_ENTRIES = 2048;

    private final NDArray residual;
    private final double[] logPy;
    private final double[] u;
    private NDArray logPyArray;
    private NDArray uArray;

    private LabelSoftmax(NDArray residual, double[] logPy, double[] u) {
        this.residual = residual;
        this.logPy = logPy;
        this.u = u;
    }

    /** @param logits [N, C] (its gradient is not followed) @param labels INT64 [N] in [0, C) */
    public static LabelSoftmax of(NDArray logits, NDArray labels) {
        DataType type = logits.getDataType();
        if ((type == DataType.FLOAT32 || type == DataType.FLOAT64) && logits.size() <= HOST_ENTRIES) {
            return onHost(logits, labels);
        }
        return onEngine(logits, labels);
    }

    /** The statistics computed row by row on the host in float64 (float32 or float64 logits). */
    static LabelSoftmax onHost(NDArray logits, NDArray labels) {
        Shape shape = logits.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        double[] h = HostArrays.toDoubles(logits);
        long[] y = labels.toLongArray();
        double[] p = new double[n * c];
        double[] logPy = new double[n];
        double[] u = new double[n];
        for (int i = 0; i < n; i++) {
            int row = i * c;
            int label = row + (int) y[i];
            double t = Double.NEGATIVE_INFINITY;
            for (int k = row; k < row + c; k++) {
                t = Math.max(t, h[k]);
            }
            double s = 0;
            for (int k = row; k < row + c; k++) {
                p[k] = Math.exp(h[k] - t);
                s += p[k];
            }
            double rest = 0;
            for (int k = row; k < row + c; k++) {
                p[k] /= s;
                if (k != label) {
                    rest += p[k];
                }
            }
            u[i] = rest;
            logPy[i] = rest < 0.5 ? -Math.log1p(rest / p[label]) : (h[label] - t) - Math.log(s);
            p[label] = -rest;
        }
        NDArray residual = HostArrays.of(logits.getManager(), p, shape, logits.getDataType());
        return new LabelSoftmax(residual, logPy, u);
    }

    /** The statistics from the engine's softmax (any floating type). */
    static LabelSoftmax onEngine(NDArray logits, NDArray labels) {
        NDArray h = logits.stopGradient();
        NDArray p = h.softmax(1);
        NDArray column = labels.expandDims(1);
        NDArray pyArray = p.gather(column, 1).squeeze(1);
        double[] py = HostArrays.toDoubles(pyArray);
        int n = py.length;
        DataType type = h.getDataType();
        double floor = floor(type);
        double[] logPy = new double[n];
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            logPy[i] = Math.log(py[i]);
            smallest = Math.min(smallest, py[i]);
            largest = Math.max(largest, py[i]);
        }
        if (Double.isInfinite(floor) || smallest < floor) {
            NDArray top = h.argMax(1).expandDims(1);
            double[] fromTop = HostArrays.toDoubles(h.gather(column, 1).sub(h.gather(top, 1)).add(p.gather(top, 1).log()).squeeze(1));
            for (int i = 0; i < n; i++) {
                if (!(py[i] >= floor)) {
                    logPy[i] = fromTop[i];
                }
            }
        }
        NDIndex atLabel = atLabels(logits, labels);
        double[] u;
        if (largest > 0.5) {
            p.set(atLabel, pyArray.zerosLike());
            u = HostArrays.toDoubles(p.sum(new int[] {1}));
            for (int i = 0; i < n; i++) {
                if (u[i] < 0.5) {
                    logPy[i] = -Math.log1p(u[i] / py[i]);
                }
            }
        } else {
            u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = 1 - py[i];
            }
        }
        double[] negU = new double[n];
        for (int i = 0; i < n; i++) {
            negU[i] = -u[i];
        }
        p.set(atLabel, vector(p, negU));
        return new LabelSoftmax(p, logPy, u);
    }

    /**
     * The smallest p_y whose logarithm keeps its relative precision in {@code type}: 1e-300 in
     * float64, 1e-30 in float32, and +∞ (never) in other types.
     */
    public static double floor(DataType type) {
        return type == DataType.FLOAT64 ? 1e-300 : type == DataType.FLOAT32 ? 1e-30 : Double.POSITIVE_INFINITY;
    }

    /** The index of the entries (i, y_i) of an [N, C] array, for in-place {@code set} and {@code get}. */
    public static NDIndex atLabels(NDArray matrix, NDArray labels) {
        return new NDIndex("{}, {}", matrix.getManager().arange(0, (int) matrix.getShape().get(0), 1, DataType.INT64), labels);
    }

    /**
     * log p_y [N]; where u &lt; ½ it is −log1p(u/p_y), which equals log(1 − u) while the
     * roundings of u and p_y enter only as relative errors of u/p_y, so confident samples
     * (u/p_y → u) keep full relative precision.
     */
    public NDArray logPy() {
        if (logPyArray == null) {
            logPyArray = rows(logPy);
        }
        return logPyArray;
    }

    /** u = 1 − p_y = Σ_{k≠y} p_k [N]. */
    public NDArray u() {
        if (uArray == null) {
            uArray = rows(u);
        }
        return uArray;
    }

    /** log p_y per sample on the host, in float64 (a copy). */
    public double[] hostLogPy() {
        return logPy.clone();
    }

    /** u = 1 − p_y per sample on the host, in float64 (a copy). */
    public double[] hostU() {
        return u.clone();
    }

    /** p − e_y [N, C] with the label entries −u (the cross-entropy gradient). */
    public NDArray residual() {
        return residual;
    }

    /** −log p_y [N], precise for confident samples. */
    public NDArray crossEntropy() {
        double[] ce = new double[logPy.length];
        for (int i = 0; i < ce.length; i++) {
            ce[i] = -logPy[i];
        }
        return rows(ce);
    }

    /**
     * An [N] vector of per-sample values computed on the host, in the logits' type and on the
     * residual's manager: how losses built on this class return their row statistics to the engine.
     */
    public NDArray rows(double[] values) {
        return vector(residual, values);
    }

    private static NDArray vector(NDArray like, double[] values) {
        DataType type = like.getDataType();
        Shape shape = new Shape(values.length);
        if (type == DataType.FLOAT32 || type == DataType.FLOAT64) {
            return HostArrays.of(like.getManager(), values, shape, type);
        }
        try (NDArray wide = HostArrays.of(like.getManager(), values, shape, DataType.FLOAT64)) {
            return wide.toType(type, false);
        }
    }
}
