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
 * Paper 01's BinaryKL-Norm (spec 01, the official {@code BinaryKLNorm.py}, the loss DHKD uses): the
 * logit difference d = z_s − z_t against a fair coin, ℓ = τ²·Σ_c [½ log(½/s) + ½ log(½/(1 − s))] with
 * s = σ(d/τ) clamped to [1e-8, 1 − 1e-8] as the code does, which equals τ²·Σ_c log cosh(d/(2τ)) inside
 * the clamp; ∂ℓ/∂z_s = τ·tanh(d/(2τ))/2, and ℓ ≈ Σ d²/8 for small d. Invariant to adding one
 * constant to student and teacher logits. Default τ = 2.
 */
public final class BinaryKlNorm extends DistillationLoss {
    public static final Param TAU = Param.real("tau", 2.0, Range.greaterThan(0), "temperature τ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("binary-kl-norm", Kind.LOSS, "distill")
            .papers(1).summary("BinaryKL-Norm τ²·Σ_c log cosh((z_s − z_t)/(2τ)) (code's clamped fair-coin KL)").params(TAU)
            .build(p -> new BinaryKlNorm(p.real(TAU)));

    private final double tau;

    public BinaryKlNorm(double tau) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER));
        this.tau = TAU.check(tau);
    }

    /** Per-sample τ²·Σ_c [−log 2 − ½ log s − ½ log(1 − s)] for logits {@code student} against {@code teacher}. */
    static NDArray value(NDArray student, NDArray teacher, double tau) {
        NDArray d = BinaryLogits.clamp(Scalars.div(student.sub(teacher), tau));
        NDArray perClass = Scalars.add(Scalars.mul(BinaryLogits.logSigmoid(d).add(BinaryLogits.logOneMinusSigmoid(d)), -0.5), -Math.log(2));
        return Scalars.mul(perClass.sum(new int[] {1}), tau * tau);
    }

    @Override
    protected NDArray loss(Logits l) {
        return value(l.student(), l.teacher(), tau);
    }
}
