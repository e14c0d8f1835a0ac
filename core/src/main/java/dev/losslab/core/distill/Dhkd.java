package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.AUX_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * Dual-head knowledge distillation (DHKD; paper 01, Yang et al. 2024, spec 01, the official
 * {@code dhkd} mode): ℓ = γ·CE(z_main, y) + α·BinaryKLNorm(z_aux, z_t), the main head
 * ({@code student_logits}) learns only from the labels and the auxiliary head ({@code aux_logits},
 * a second head on the same backbone) only from the teacher; the backbone receives both gradients
 * and the main head predicts. Defaults γ = α = 1, τ = 2 (the CIFAR-100 command). The optional
 * gradient-alignment step ({@code --ga}) is a training-loop feature and is not part of this loss.
 */
public final class Dhkd extends DistillationLoss {
    public static final Param GAMMA = Param.real("gamma", 1.0, Range.atLeast(0), "weight γ of the main head's cross-entropy");
    public static final Param ALPHA = Param.real("alpha", 1.0, Range.atLeast(0), "weight α of the auxiliary head's BinaryKL-Norm");
    public static final Param TAU = Param.real("tau", 2.0, Range.greaterThan(0), "BinaryKL-Norm temperature τ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("dhkd", Kind.LOSS, "distill")
            .papers(1).summary("DHKD γ·CE(main head) + α·BinaryKL-Norm(auxiliary head, teacher); inputs student_logits, aux_logits, teacher_logits, labels")
            .params(GAMMA, ALPHA, TAU)
            .build(p -> new Dhkd(p.real(GAMMA), p.real(ALPHA), p.real(TAU)));

    private final double gamma;
    private final double alpha;
    private final double tau;

    public Dhkd(double gamma, double alpha, double tau) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER, LABEL, InputSpec.trained(AUX_LOGITS, "[N, C] auxiliary head logits")));
        this.gamma = GAMMA.check(gamma);
        this.alpha = ALPHA.check(alpha);
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray main = crossEntropy(l.student(), l.labels());
        return Scalars.mul(main, gamma).add(Scalars.mul(BinaryKlNorm.value(auxLogits(l), l.teacher(), tau), alpha));
    }
}
