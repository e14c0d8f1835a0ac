package dev.losslab.core.distill;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Sigmoid pieces of paper 01's logit-level losses: the official code clamps σ(x) to [ε, 1 − ε]
 * (ε = 1e-8), which is clamping x to ±L with L = log((1 − ε)/ε) ≈ 18.42; here x is clamped and
 * log σ(x) = −softplus(−x), log(1 − σ(x)) = −softplus(x) are taken in their stable forms, so the
 * values equal the code's and the gradient is 0 beyond the clamp, as in the code.
 */
final class BinaryLogits {
    static final double EPS = 1e-8;
    static final double LIMIT = Math.log((1 - EPS) / EPS);

    private BinaryLogits() {}

    /** x clamped to [−L, L]. */
    static NDArray clamp(NDArray x) {
        return Scalars.min(Scalars.max(x, -LIMIT), LIMIT);
    }

    /** log σ(x) for a clamped x. */
    static NDArray logSigmoid(NDArray x) {
        return Tensors.softplus(x.neg()).neg();
    }

    /** log(1 − σ(x)) for a clamped x. */
    static NDArray logOneMinusSigmoid(NDArray x) {
        return Tensors.softplus(x).neg();
    }
}
