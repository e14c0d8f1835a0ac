package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;

/** Numerically stable building blocks shared by objectives. */
public final class Tensors {
    private Tensors() {}

    /** Row-wise log Σ_k exp(z_k) over the last axis, stable for any magnitude; shape [N]. */
    public static NDArray logSumExp(NDArray z) {
        NDArray m = z.max(new int[] {-1}, true).stopGradient();
        return z.sub(m).exp().sum(new int[] {-1}).log().add(m.squeeze(-1));
    }

    /** The entries {@code m[i, labels[i]]}, shape [N]; labels must be INT64. */
    public static NDArray pick(NDArray m, NDArray labels) {
        return m.get(new NDIndex().addAllDim().addPickDim(labels.expandDims(-1))).squeeze(-1);
    }

    /** One-hot matrix [N, C] in the dtype of {@code like}. */
    public static NDArray oneHot(NDArray labels, long numClasses, NDArray like) {
        return labels.oneHot((int) numClasses, like.getDataType());
    }

    /**
     * softplus(x) = log(1 + e^x), evaluated as max(x, 0) + log(1 + e^(−|x|)) with the exact
     * gradient σ(x) = exp(x − softplus(x)); finite for any x.
     */
    public static NDArray softplus(NDArray x) {
        NDArray v = Scalars.max(x, 0).add(x.abs().neg().exp().add(1).log()).stopGradient();
        NDArray sigmoid = x.stopGradient().sub(v).exp();
        return v.add(sigmoid.mul(x.sub(x.stopGradient())));
    }

    /** e^x − 1, accurate near 0 (Taylor series for |x| &lt; 1e-3). */
    public static NDArray expm1(NDArray x) {
        NDArray x2 = x.mul(x);
        NDArray series = x.add(Scalars.div(x2, 2)).add(Scalars.div(x2.mul(x), 6)).add(Scalars.div(x2.mul(x2), 24)).add(Scalars.div(x2.mul(x2).mul(x), 120));
        return NDArrays.where(x.abs().lt(1e-3), series, x.exp().sub(1));
    }

    /**
     * Attaches a closed-form gradient: returns per-sample values equal to {@code value} whose
     * gradient with respect to {@code input} [N, ...] is {@code grad} (row i goes to sample i).
     * Implemented as value + Σ_k sg(g_ik)·(x_ik − sg(x_ik)), with sg = stop-gradient.
     */
    public static NDArray withGradient(NDArray value, NDArray input, NDArray grad) {
        NDArray surrogate = grad.stopGradient().mul(input.sub(input.stopGradient()));
        int[] axes = new int[(int) input.getShape().dimension() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return value.stopGradient().add(axes.length == 0 ? surrogate : surrogate.sum(axes));
    }
}
