package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.PREV_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.PREV_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Iterative Nash policy optimisation (INPO; paper 53, Zhang et al. 2024, spec 53): one online
 * mirror-descent step of the KL-regularised preference game as a regression on ordered on-policy
 * pairs. With the log-ratios against the reference r = policy − ref and against the previous
 * iterate π_t,
 * h = log[π(y_w)/π(y_l)] − ητ·log[π_ref(y_w)/π_ref(y_l)] − (1 − ητ)·log[π_t(y_w)/π_t(y_l)],
 * ℓ = (h − η/2)², ∂ℓ/∂policy_chosen = 2·(h − η/2) = −∂ℓ/∂policy_rejected; the reference and previous
 * log-probs ({@code prev_chosen_logps}, {@code prev_rejected_logps}) are constants. ητ = 1 removes
 * π_t and gives IPO with target margin η/2. Defaults η = 1 (the spec's game), τ = 0.1.
 */
public final class Inpo extends PairedPreferenceLoss {
    public static final Param ETA = Param.real("eta", 1, Range.greaterThan(0), "mirror-descent learning rate η (target margin η/2)");
    public static final Param TAU = Param.real("tau", 0.1, Range.atLeast(0), "KL coefficient τ of the regularised game (ητ ≤ 1)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("inpo", Kind.LOSS, "preference")
            .papers(53).summary("INPO (h − η/2)², h the policy log-ratio minus ητ × reference and (1 − ητ) × previous-iterate log-ratios")
            .params(ETA, TAU)
            .build(p -> new Inpo(p.real(ETA), p.real(TAU)));

    private final double eta;
    private final double tau;

    /**
     * @param eta η &gt; 0
     * @param tau τ ≥ 0 with η·τ ≤ 1
     */
    public Inpo(double eta, double tau) {
        super(COMPONENT.name(), append(PAIRED, InputSpec.target(PREV_CHOSEN_LOGPS, "[N] previous iterate, constant"),
                InputSpec.target(PREV_REJECTED_LOGPS, "[N] previous iterate, constant")), Divergence.REVERSE_KL, 0.5);
        this.eta = ETA.check(eta);
        this.tau = TAU.check(tau);
        if (eta * tau > 1) {
            throw new InvalidArgumentException("tau", "η·τ must be at most 1, got " + eta * tau);
        }
    }

    @Override
    protected NDArray loss(PairScores p) {
        Inputs in = p.inputs();
        NDArray policy = in.get(POLICY_CHOSEN_LOGPS).sub(in.get(POLICY_REJECTED_LOGPS));
        NDArray ref = in.get(REF_CHOSEN_LOGPS).sub(in.get(REF_REJECTED_LOGPS)).toType(policy.getDataType(), false);
        NDArray prev = in.get(PREV_CHOSEN_LOGPS).sub(in.get(PREV_REJECTED_LOGPS)).toType(policy.getDataType(), false);
        NDArray h = policy.sub(Scalars.mul(ref, eta * tau)).sub(Scalars.mul(prev, 1 - eta * tau));
        NDArray u = Scalars.add(h, -eta / 2);
        return u.mul(u);
    }
}
