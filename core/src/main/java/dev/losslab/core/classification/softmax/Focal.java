package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Focal loss without class weighting: ℓ = −(1 − p_y)^gamma · log p_y (Lin et al. 2017).
 *
 * <p>Closed-form gradient, finite even when p_y rounds to 1:
 * ∂ℓ/∂h = u^gamma·(gamma·p_y·log p_y / u − 1)·(e_y − p), with u = 1 − p_y = Σ_{k≠y} p_k
 * and log p_y / u → −1 as u → 0. u and log p_y come from {@link LabelSoftmax} (u = Σ_{k≠y} p_k),
 * so confident samples keep full relative precision. gamma = 0 is cross-entropy.
 */
public final class Focal extends ClosedFormClassificationObjective {
    public static final Param GAMMA = Param.real("gamma", 2, Range.atLeast(0), "focusing exponent");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("focal", Kind.LOSS, "classification")
            .summary("focal loss −(1−p_y)^gamma·log p_y (no alpha)").params(GAMMA)
            .build(p -> new Focal(p.real(GAMMA)));

    private final double gamma;

    /** @param gamma focusing parameter, ≥ 0 */
    public Focal(double gamma) {
        super(COMPONENT.name());
        this.gamma = GAMMA.check(gamma);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        double[] u = s.hostU();
        double[] logPy = s.hostLogPy();
        double[] value = new double[u.length];
        double[] weight = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            double ug = Math.pow(u[i], gamma);
            double ratio = u[i] > 0 ? logPy[i] / u[i] : -1;
            value[i] = -ug * logPy[i];
            weight[i] = -ug * (gamma * ratio * Math.exp(logPy[i]) - 1);
        }
        return Tensors.withGradient(s.rows(value), logits, s.residual(), s.rows(weight));
    }
}
