package dev.losslab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Normalized LR+GD (paper 06, Tyurin 2024, spec 06 "Definitions"): w ← w − γ·β·∇f with
 * β = ((1/n) Σ_i σ(−m_i))⁻¹, where m_i = y_i·f(x_i) is sample i's margin. For the logistic loss
 * ℓ_i = log(1 + e^{−m_i}) one has σ(−m_i) = 1 − e^{−ℓ_i}, so β is computed from the batch's
 * per-sample losses alone: β = ((1/n) Σ_i (1 − e^{−ℓ_i}))⁻¹ (β = 2 at θ₀ = 0). That is the paper's
 * factor exactly for {@code logistic}; for {@code cross-entropy} it reads 1 − p_y, the probability
 * of not predicting the label (a LossLab generalisation; other losses have no such reading). The
 * step β·∇f = Σ σ(−m_i)·∇ℓ_i / Σ σ(−m_i) stays bounded as every sample is separated; when every
 * 1 − e^{−ℓ_i} underflows to 0 (all gradients vanish with it) the update is skipped. No momentum
 * and no weight decay, as in the paper; under per-sample weights β still uses the unweighted mean.
 *
 * <p>The losses must be observed once before every update ({@link LossAwareOptimizer}); an update
 * without a fresh observation is refused rather than reusing a stale β.
 */
public final class NormalizedGd extends TorchFormOptimizer implements LossAwareOptimizer {
    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("normalized-gd", Kind.OPTIMIZER, "optimizer")
            .papers(6).summary("Normalized LR+GD: gradient step scaled by β = 1/mean(1 − e^{−ℓ_i}) from the batch's per-sample losses")
            .build(p -> NormalizedGd::new);

    private volatile double beta = Double.NaN;
    private volatile int observations;

    public NormalizedGd(ParameterTracker learningRate) {
        super(learningRate, 0);
    }

    @Override
    public void observeLosses(double[] perSample) {
        if (perSample.length == 0) {
            throw new IllegalArgumentException("perSample: empty batch");
        }
        double sum = 0;
        for (int i = 0; i < perSample.length; i++) {
            double l = perSample[i];
            if (!(l >= 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("perSample: losses must be finite and ≥ 0, found " + l + " at " + i);
            }
            sum += -Math.expm1(-l);
        }
        beta = sum == 0 ? 0 : perSample.length / sum;
        observations++;
    }

    /** β of the last observed batch (NaN before the first). */
    public double beta() {
        return beta;
    }

    @Override
    void apply(String id, NDArray weight, NDArray grad, float lr, int t) {
        if (t > observations) {
            throw new IllegalStateException("normalized-gd: update " + t + " of " + id + " follows " + observations
                    + " loss observations; call observeLosses with the batch's per-sample losses before each update");
        }
        if (beta > 0) {
            weight.subi(temp(Scalars.mul(grad, lr * beta)));
        }
    }
}
