package dev.losslab.core.classification;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import ai.djl.ndarray.NDArrays;
import dev.losslab.core.Checks;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Focal loss without class weighting: ℓ = −(1 − p_y)^gamma · log p_y (Lin et al. 2017).
 *
 * <p>Closed-form gradient, finite even when p_y rounds to 1:
 * ∂ℓ/∂h = u^gamma·(gamma·p_y·log p_y / u − 1)·(e_y − p), with u = 1 − p_y = Σ_{k≠y} p_k
 * (summed over the other classes for accuracy) and log p_y / u → −1 as u → 0. gamma = 0 is
 * cross-entropy.
 */
public final class Focal extends ClassificationObjective {
    private final double gamma;

    /** @param gamma focusing parameter, ≥ 0 */
    public Focal(double gamma) {
        super("focal");
        Checks.nonNegative("gamma", gamma);
        this.gamma = gamma;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray h = logits.stopGradient();
        NDArray logp = h.logSoftmax(-1);
        NDArray p = logp.exp();
        NDArray onehot = Tensors.oneHot(labels, h.getShape().get(1), h);
        NDArray logpy = Tensors.pick(logp, labels);
        NDArray py = logpy.exp();
        NDArray u = p.mul(onehot.neg().add(1)).sum(new int[] {-1});
        NDArray ug = Scalars.pow(u, gamma);
        NDArray value = ug.mul(logpy).neg();
        NDArray ratio = NDArrays.where(u.gt(0), logpy.div(Scalars.max(u, Double.MIN_VALUE)), u.zerosLike().sub(1));
        NDArray coef = ug.mul(Scalars.mul(ratio.mul(py), gamma).sub(1));
        NDArray grad = onehot.sub(p).mul(coef.expandDims(-1));
        return Tensors.withGradient(value, logits, grad);
    }
}
