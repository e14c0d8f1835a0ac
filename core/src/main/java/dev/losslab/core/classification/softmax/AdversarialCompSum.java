package dev.losslab.core.classification.softmax;

import static dev.losslab.core.InputNames.ADVERSARIAL_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AttackSettings;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Smooth adversarial comp-sum loss (paper 04, ADV-COMP-SUM) in spec 04's reconstruction:
 * ℓ̃ = ℓ^τ(h(x), y) + nu·‖Δ_h(x', y) − Δ_h(x, y)‖₂, with Δ_h(x, y)_k = h(x)_y − h(x)_k and x' the
 * worst case of the change inside an input ball ‖x' − x‖ ≤ gamma, found by the caller (e.g. with
 * {@code dev.losslab.train.PgdAttack}) and passed as {@code adversarial_logits} = h(x'); both
 * logits inputs are trained, as in TRADES-style training with a stop-gradient through x'.
 *
 * <p><b>Uncertain</b> (spec 04): whether the clean term uses a ρ-margin Φ_ρ inside Φ^τ, the norm
 * inside the sup, and the nu, gamma and PGD settings could not be read from the paper; this is
 * the spec's best reconstruction. The norm is evaluated as sqrt(Σ_k d_k² + 1e-24) so it is
 * differentiable when x' = x. The loss carries its {@link AttackSettings} (gamma and the PGD
 * steps); a training loop builds the attack from them. Their defaults (gamma 0.5, 10 steps of
 * 0.25·gamma) are our choice: the paper's values were not retrieved.
 */
public final class AdversarialCompSum extends ClassificationObjective implements AttackSettings.Attacked {
    public static final Param NU = Param.real("nu", 1, Range.atLeast(0), "weight of the adversarial term");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("adv-comp-sum", Kind.LOSS, "classification")
            .papers(4).summary("smooth adversarial comp-sum ℓ^τ + nu·‖Δ_h(x') − Δ_h(x)‖₂ (inputs logits, labels, adversarial_logits)")
            .params(CompSum.TAU, NU, AttackSettings.GAMMA, AttackSettings.PGD_STEPS, AttackSettings.PGD_STEP_SIZE)
            .build(p -> new AdversarialCompSum(p.real(CompSum.TAU), p.real(NU),
                    new AttackSettings(p.real(AttackSettings.GAMMA), p.integer(AttackSettings.PGD_STEPS), p.real(AttackSettings.PGD_STEP_SIZE))));

    private final CompSum clean;
    private final double nu;
    private final AttackSettings attack;

    /** With {@link AttackSettings#DEFAULT}. */
    public AdversarialCompSum(double tau, double nu) {
        this(tau, nu, AttackSettings.DEFAULT);
    }

    /**
     * @param tau comp-sum τ ≥ 0 (the paper's experiments use 1)
     * @param nu weight of the adversarial regulariser, ≥ 0
     * @param attack how a training loop finds x'
     */
    public AdversarialCompSum(double tau, double nu, AttackSettings attack) {
        super(COMPONENT.name(), InputSpec.trained(ADVERSARIAL_LOGITS, "[N, C] = h(x') at the attack point"));
        this.clean = new CompSum(tau);
        this.nu = NU.check(nu);
        if (attack == null) {
            throw new InvalidArgumentException("attack", "is required");
        }
        this.attack = attack;
    }

    /** The attack settings a training loop uses to produce {@code adversarial_logits}. */
    @Override
    public AttackSettings attack() {
        return attack;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray adv = inputs.get(ADVERSARIAL_LOGITS);
        if (!adv.getShape().equals(logits.getShape())) {
            throw new InvalidArgumentException(ADVERSARIAL_LOGITS, "expected shape " + logits.getShape() + " (as logits), got " + adv.getShape());
        }
        Checks.finite(ADVERSARIAL_LOGITS, adv);
        NDArray change = margins(adv, labels).sub(margins(logits, labels));
        NDArray norm = change.mul(change).sum(new int[] {-1}).add(1e-24).sqrt();
        return clean.perSample(logits, labels, inputs).add(Scalars.mul(norm, nu));
    }

    /** Δ_h(x, y)_k = h_y − h_k, shape [N, C]. */
    static NDArray margins(NDArray h, NDArray labels) {
        return Tensors.pick(h, labels).expandDims(-1).sub(h);
    }
}
