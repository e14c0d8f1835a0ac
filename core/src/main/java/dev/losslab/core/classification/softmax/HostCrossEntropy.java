package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.HostArrays;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Tensors;

/**
 * Cross-entropy of a small batch computed row by row on the host, in float64, with the precision
 * of {@link LabelSoftmax}: per row, with t = max_k h_k and s = Σ_k e^{h_k − t}, p_k = e^{h_k − t}/s
 * and u = Σ_{k≠y} p_k (a sum of small positives); ℓ = log1p(u/p_y) where u &lt; ½ (full relative
 * precision for confident samples, ℓ ≈ e^{−margin}) and ℓ = log s + (t − h_y) otherwise (a sum of
 * non-negative terms). The gradient p − e_y (label entry −u) is attached with
 * {@link Tensors#withGradient}.
 *
 * <p>Why: at small sizes every engine call costs 5–10 µs through DJL's JNI, and the engine form
 * takes about 30 calls; this one reads the logits and labels once and writes two arrays, about ten
 * calls in all. Above {@link #MAX_ENTRIES} entries the engine's kernels win and the engine form runs.
 */
final class HostCrossEntropy {
    /** Largest N·C computed on the host (about 40 µs of host arithmetic). */
    static final long MAX_ENTRIES = 2048;

    private HostCrossEntropy() {}

    /** Whether {@code logits} are small enough and of a type (float32, float64) this form serves. */
    static boolean applies(NDArray logits) {
        DataType t = logits.getDataType();
        return (t == DataType.FLOAT32 || t == DataType.FLOAT64) && logits.size() <= MAX_ENTRIES;
    }

    /** −log p_y [N] in the logits' type, with gradient p − e_y. @param labels INT64 [N] in [0, C) */
    static NDArray perSample(NDArray logits, NDArray labels) {
        Shape shape = logits.getShape();
        int n = (int) shape.get(0);
        int c = (int) shape.get(1);
        double[] h = logits.getDataType() == DataType.FLOAT64 ? logits.toDoubleArray() : widen(logits.toFloatArray());
        long[] y = labels.toLongArray();
        double[] loss = new double[n];
        double[] grad = new double[n * c];
        for (int i = 0; i < n; i++) {
            int row = i * c;
            int label = row + (int) y[i];
            double t = Double.NEGATIVE_INFINITY;
            for (int k = row; k < row + c; k++) {
                t = Math.max(t, h[k]);
            }
            double s = 0;
            for (int k = row; k < row + c; k++) {
                grad[k] = Math.exp(h[k] - t);
                s += grad[k];
            }
            double u = 0;
            for (int k = row; k < row + c; k++) {
                grad[k] /= s;
                if (k != label) {
                    u += grad[k];
                }
            }
            double py = grad[label];
            loss[i] = u < 0.5 ? Math.log1p(u / py) : Math.log(s) + (t - h[label]);
            grad[label] = -u;
        }
        NDArray value = HostArrays.of(logits.getManager(), loss, new Shape(n), logits.getDataType());
        NDArray gradient = HostArrays.of(logits.getManager(), grad, shape, logits.getDataType());
        return Tensors.withGradient(value, logits, gradient);
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
