package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Tensors;

/**
 * The Softmax Collapse (SC) monitor of paper 44 (Prieto et al. 2025, official {@code logger.py}).
 * In a floating-point precision P, with m = max_k x_k, e = exp(x − m) and S = Σ_k e_k, a sample is
 * in SC when S == 1 exactly: every non-maximal term was lost to rounding, so 1 − p_y = 0 and the
 * correct-class gradient vanishes.
 *
 * @param collapsedFraction fraction of samples with S == 1 in precision P
 * @param zeroLossFraction fraction of samples whose cross-entropy in precision P is exactly 0
 */
public record SoftmaxCollapse(double collapsedFraction, double zeroLossFraction) {

    /**
     * Measures SC on {@code logits} [N, C] with {@code labels} [N] in the given precision
     * (FLOAT16, FLOAT32 or FLOAT64).
     */
    public static SoftmaxCollapse measure(NDArray logits, NDArray labels, DataType precision) {
        NDArray x = logits.stopGradient().toType(precision, false);
        NDArray e = x.sub(x.max(new int[] {-1}, true)).exp();
        NDArray collapsed = e.sum(new int[] {-1}).eq(1);
        NDArray ce = Tensors.pick(x.logSoftmax(-1), labels.toType(DataType.INT64, false)).neg();
        long n = logits.getShape().get(0);
        double sc = collapsed.toType(DataType.FLOAT64, false).sum().getDouble() / n;
        double zero = ce.eq(0).toType(DataType.FLOAT64, false).sum().getDouble() / n;
        return new SoftmaxCollapse(sc, zero);
    }

    /**
     * The same diagnosis for StableMax (a LossLab reading of paper 44, whose spec does not define
     * it): in precision P, a sample is collapsed when Σ_k s(x_k) / max_k s(x_k) equals 1 exactly;
     * zero losses are counted on the float64 StableMax cross-entropy, as the official code computes it.
     */
    public static SoftmaxCollapse measureStableMax(NDArray logits, NDArray labels, DataType precision) {
        NDArray x = logits.stopGradient().toType(precision, false);
        NDArray sx = StableMaxCrossEntropy.s(x);
        NDArray collapsed = sx.div(sx.max(new int[] {-1}, true)).sum(new int[] {-1}).eq(1);
        NDArray x64 = logits.stopGradient().toType(DataType.FLOAT64, false);
        NDArray s64 = StableMaxCrossEntropy.s(x64);
        NDArray ce = s64.sum(new int[] {-1}).log().sub(Tensors.pick(s64, labels.toType(DataType.INT64, false)).log());
        long n = logits.getShape().get(0);
        double sc = collapsed.toType(DataType.FLOAT64, false).sum().getDouble() / n;
        double zero = ce.eq(0).toType(DataType.FLOAT64, false).sum().getDouble() / n;
        return new SoftmaxCollapse(sc, zero);
    }
}
