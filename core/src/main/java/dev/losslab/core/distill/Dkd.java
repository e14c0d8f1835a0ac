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
 * Decoupled knowledge distillation (Zhao et al. 2022), a baseline of paper 37 (spec 37, mdistiller's
 * {@code dkd_loss}): at temperature τ, with the binary target/non-target distributions
 * b = (p_y, 1 − p_y) and the non-target distributions q = softmax(z_{≠y}/τ) (label column deleted),
 * ℓ = τ²·(α·KL(b_t‖b_s) + β·KL(q_t‖q_s)); log(1 − p_y) is computed as logsumexp of the non-target
 * logits minus logsumexp of all. Per sample, KL(p_t‖p_s) = KL(b_t‖b_s) + (1 − p_t,y)·KL(q_t‖q_s).
 * Defaults α = 1, β = 8, τ = 4 (mdistiller's CIFAR-100 setting); the warm-up belongs to the trainer.
 */
public final class Dkd extends DistillationLoss {
    public static final Param ALPHA = Param.real("alpha", 1.0, Range.atLeast(0), "weight α of the target-class term TCKD");
    public static final Param BETA = Param.real("beta", 8.0, Range.atLeast(0), "weight β of the non-target term NCKD");
    public static final Param TAU = Param.real("tau", 4.0, Range.greaterThan(0), "temperature τ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("dkd", Kind.LOSS, "distill")
            .papers(37).summary("DKD τ²(α·TCKD + β·NCKD): binary target KL plus KL over the non-target classes").params(ALPHA, BETA, TAU)
            .build(p -> new Dkd(p.real(ALPHA), p.real(BETA), p.real(TAU)));

    private final double alpha;
    private final double beta;
    private final double tau;

    public Dkd(double alpha, double beta, double tau) {
        super(COMPONENT.name(), List.of(STUDENT, TEACHER, LABEL));
        this.alpha = ALPHA.check(alpha);
        this.beta = BETA.check(beta);
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray s = Scalars.div(l.student(), tau);
        NDArray t = Scalars.div(l.teacher(), tau);
        NDArray y = l.labels();
        NDArray lsY = Tensors.pick(logSoftmax(s, 1), y);
        NDArray ltY = Tensors.pick(logSoftmax(t, 1), y);
        NDArray lsN = logNotTarget(s, y);
        NDArray ltN = logNotTarget(t, y);
        NDArray tckd = ltY.exp().mul(ltY.sub(lsY)).add(ltN.exp().mul(ltN.sub(lsN)));
        NDArray qs = logSoftmax(nonTarget(s, y), 1);
        NDArray qt = logSoftmax(nonTarget(t, y), 1);
        NDArray nckd = qt.exp().mul(qt.sub(qs)).sum(new int[] {1});
        return Scalars.mul(Scalars.mul(tckd, alpha).add(Scalars.mul(nckd, beta)), tau * tau);
    }
}
