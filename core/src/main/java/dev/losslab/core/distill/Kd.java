package dev.losslab.core.distill;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * Hinton's knowledge distillation, the baseline of paper 37 (spec 37): with p_s = softmax(z_s/τ) and
 * p_t = softmax(z_t/τ), ℓ = τ²·KL(p_t‖p_s) = τ²·Σ_c p_t,c (log p_t,c − log p_s,c), ∂ℓ/∂z_s = τ(p_s − p_t).
 * The value is the KL form (spec 37); cls_KD's cross-entropy form −τ²Σ p_t log p_s differs by the
 * teacher's entropy, a constant, and has the same gradient. Default τ = 4 (mdistiller's CIFAR setting).
 */
public final class Kd extends DistillationLoss {
    public static final Param TAU = Param.real("tau", 4.0, Range.greaterThan(0), "temperature τ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("kd", Kind.LOSS, "distill")
            .papers(37).summary("Hinton KD τ²·KL(softmax(z_t/τ) ‖ softmax(z_s/τ)) (inputs student_logits, teacher_logits)").params(TAU)
            .build(p -> new Kd(p.real(TAU)));

    private final double tau;

    /** @param tau τ &gt; 0 */
    public Kd(double tau) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER));
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray logPs = logSoftmax(l.student(), tau);
        NDArray logPt = logSoftmax(l.teacher(), tau);
        return Scalars.mul(logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {1}), tau * tau);
    }
}
