package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Conservative DPO (cDPO; paper 12's label-smoothing baseline, spec 12 "cDPO"): DPO against
 * preference labels trusted with probability 1 − ε,
 * ℓ = −(1−ε)·log σ(β·h) − ε·log σ(−β·h) = (1−ε)·softplus(−β·h) + ε·softplus(β·h),
 * ∂ℓ/∂h = −β·(σ(−β·h) − ε): the push stops where σ(β·h) = 1 − ε and reverses past it. ε = 0 is
 * {@link Dpo}.
 *
 * <p>TRL's {@code loss_type="sigmoid"} with {@code label_smoothing=ε} up to v0.19 (spec 12); TRL's
 * main branch at f2cd577 dropped the smoothing from the sigmoid branch, so this is the only cDPO.
 * Default ε = 0.1, the flip rate TRL documents as typical for label smoothing in robust DPO (an
 * uncertain default: TRL's own default, 0, would make this DPO).
 */
public final class ConservativeDpo extends PairedPreferenceLoss {
    public static final Param EPSILON = Param.real("epsilon", 0.1, Range.closedOpen(0, 0.5), "assumed label-flip rate ε (TRL label_smoothing)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("cdpo", Kind.LOSS, "preference")
            .papers(12).summary("conservative DPO (1−ε)·softplus(−β·h) + ε·softplus(β·h), label-smoothed DPO")
            .params(Dpo.BETA, EPSILON, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new ConservativeDpo(p.real(Dpo.BETA), p.real(EPSILON), Divergence.fromLabel(p.choice(Divergence.PARAM)),
                    p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final double epsilon;

    public ConservativeDpo(double beta, double epsilon) {
        this(beta, epsilon, Divergence.REVERSE_KL, 0.5);
    }

    /**
     * @param beta β &gt; 0
     * @param epsilon ε in [0, 0.5)
     */
    public ConservativeDpo(double beta, double epsilon, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
        this.epsilon = EPSILON.check(epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray z = Scalars.mul(p.delta(), beta);
        return SmoothedSigmoid.loss(z, epsilon);
    }
}
