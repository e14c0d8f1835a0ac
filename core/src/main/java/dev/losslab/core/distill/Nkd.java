package dev.losslab.core.distill;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * Normalized knowledge distillation (NKD; paper 37, Yang et al. 2023, spec 37, the official
 * {@code nkd.py}): a target term weighted by the teacher's target probability at temperature 1 and a
 * normalized non-target term, ℓ = −p_t,y·log p_s,y − γ·τ²·Σ_{i≠y} softmax(z_t,≠y/τ)_i·log softmax(z_s,≠y/τ)_i,
 * the non-target distributions over the C − 1 other classes (label column deleted). The distiller
 * adds the ordinary cross-entropy. Defaults τ = 1, γ = 1.5 (the official ImageNet setting).
 */
public final class Nkd extends DistillationLoss {
    public static final Param TAU = Param.real("tau", 1.0, Range.greaterThan(0), "temperature τ of the non-target term");
    public static final Param GAMMA = Param.real("gamma", 1.5, Range.atLeast(0), "weight γ of the non-target term");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("nkd", Kind.LOSS, "distill")
            .papers(37).summary("NKD −p_t,y·log p_s,y − γτ²·Σ normalized non-target teacher·log student (add CE separately)").params(TAU, GAMMA)
            .build(p -> new Nkd(p.real(TAU), p.real(GAMMA)));

    private final double tau;
    private final double gamma;

    public Nkd(double tau, double gamma) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER, LABEL));
        this.tau = TAU.check(tau);
        this.gamma = GAMMA.check(gamma);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray y = l.labels();
        NDArray target = Tensors.pick(logSoftmax(l.teacher(), 1), y).exp().mul(Tensors.pick(logSoftmax(l.student(), 1), y)).neg();
        NDArray qs = logSoftmax(nonTarget(l.student(), y), tau);
        NDArray qt = logSoftmax(nonTarget(l.teacher(), y), tau).exp();
        return target.sub(Scalars.mul(qt.mul(qs).sum(new int[] {1}), gamma * tau * tau));
    }
}
