package dev.losslab.core.classification;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Generalized Jensen–Shannon loss (Englesson and Azizpour 2021) as in paper 09's official code,
 * with weights (π1, π2 = 1 − π1): m = π1·e_y + π2·p and
 * ℓ = Z·[π1·KL(e_y ‖ m) + π2·KL(p ‖ m)], Z = −1/((1 − π1)·log(1 − π1)), where
 * KL(d ‖ m) = Σ_{d_k&gt;0} d_k·(log max(d_k, 1e-7) − log clamp(m_k, 1e-7, 1)) (the code's clamps).
 */
public final class JensenShannon extends ClassificationObjective {
    private static final double EPS = 1e-7;
    private final double pi1;

    /** @param pi1 weight of the label distribution, in (0, 1) */
    public JensenShannon(double pi1) {
        super("js");
        if (!(pi1 > 0 && pi1 < 1)) {
            throw new InvalidArgumentException("pi1", "must be in (0, 1), got " + pi1);
        }
        this.pi1 = pi1;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        double pi2 = 1 - pi1;
        NDArray p = logits.softmax(-1);
        NDArray e = Tensors.oneHot(labels, logits.getShape().get(1), logits);
        NDArray logM = Scalars.mul(e, pi1).add(Scalars.mul(p, pi2)).clip(EPS, 1).log();
        NDArray klLabel = Tensors.pick(logM, labels).neg();
        NDArray klPred = p.mul(Scalars.max(p, EPS).log().sub(logM)).mul(p.gt(0).toType(p.getDataType(), false)).sum(new int[] {-1});
        double z = -1 / (pi2 * Math.log(pi2));
        return Scalars.mul(Scalars.mul(klLabel, pi1).add(Scalars.mul(klPred, pi2)), z);
    }
}
