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
 * Paper 01's logit-level loss BinaryKL (Yang et al. 2024, spec 01, the official {@code BinaryKL.py}):
 * every class logit is its own binary problem, ℓ = τ²·Σ_c [q log(q/r) + (1 − q) log((1 − q)/(1 − r))]
 * with q = σ(z_t/τ), r = σ(z_s/τ), both clamped to [1e-8, 1 − 1e-8] as the code does
 * ({@link BinaryLogits}); ∂ℓ/∂z_s = τ(σ(z_s/τ) − σ(z_t/τ)) inside the clamp. Unlike softmax losses it
 * sees the absolute logit level. Default τ = 2 (the code's {@code --BinaryKL_T}).
 */
public final class BinaryKl extends DistillationLoss {
    public static final Param TAU = Param.real("tau", 2.0, Range.greaterThan(0), "temperature τ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("binary-kl", Kind.LOSS, "distill")
            .papers(1).summary("BinaryKL τ²·Σ_c KL(Bernoulli(σ(z_t/τ)) ‖ Bernoulli(σ(z_s/τ))), per-class sigmoid distillation").params(TAU)
            .build(p -> new BinaryKl(p.real(TAU)));

    private final double tau;

    public BinaryKl(double tau) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER));
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray s = BinaryLogits.clamp(Scalars.div(l.student(), tau));
        NDArray t = BinaryLogits.clamp(Scalars.div(l.teacher(), tau));
        NDArray logQ = BinaryLogits.logSigmoid(t);
        NDArray logNotQ = BinaryLogits.logOneMinusSigmoid(t);
        NDArray kl = logQ.exp().mul(logQ.sub(BinaryLogits.logSigmoid(s))).add(logNotQ.exp().mul(logNotQ.sub(BinaryLogits.logOneMinusSigmoid(s))));
        return Scalars.mul(kl.sum(new int[] {1}), tau * tau);
    }
}
