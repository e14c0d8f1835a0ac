package dev.losslab.core;

import ai.djl.ndarray.NDArray;

/**
 * How per-sample values ℓ_i become the training loss. With per-sample weights w_i (sample
 * reweighting) the values are first multiplied: MEAN gives (1/N) Σ w_i ℓ_i, as in PyTorch's
 * {@code (w * loss).mean()}; the weights are not renormalised, so a zero weight removes a
 * sample's contribution (and its gradient). Weights must be finite and ≥ 0.
 */
public enum Reduction {
    MEAN,
    SUM,
    NONE;

    /** Reduces {@code perSample} [N], optionally weighted by {@code weights} [N] (may be null). */
    public NDArray apply(NDArray perSample, NDArray weights) {
        NDArray v = perSample;
        if (weights != null) {
            Checks.vector(InputNames.WEIGHTS, weights, perSample.getShape().get(0));
            Checks.finite(InputNames.WEIGHTS, weights);
            if (weights.lt(0).any().getBoolean()) {
                throw new InvalidArgumentException(InputNames.WEIGHTS, "must be ≥ 0, found " + weights.min().getDouble());
            }
            v = perSample.mul(weights.toType(perSample.getDataType(), false));
        }
        switch (this) {
            case MEAN:
                return v.mean();
            case SUM:
                return v.sum();
            default:
                return v;
        }
    }
}
