package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Robust DPO (rDPO; paper 12, Chowdhury et al. 2024, spec 12): the de-biased DPO loss for labels
 * flipped at a known rate ε &lt; 1/2,
 * ℓ = [(1−ε)·ℓ_DPO(h) − ε·ℓ_DPO(−h)]/(1 − 2ε) = [(1−ε)·softplus(−β·h) − ε·softplus(β·h)]/(1 − 2ε),
 * ∂ℓ/∂h = −β·[σ(−β·h) + ε/(1−2ε)]. Unbiased: (1−ε)·ℓ(h) + ε·ℓ(−h) = ℓ_DPO(h), so under random flips
 * its expectation is the clean DPO loss. Unbounded below (per-pair values can be negative); ε = 0
 * is {@link Dpo}.
 *
 * <p>TRL's {@code loss_type="robust"} with {@code label_smoothing=ε} (main at f2cd577): the same
 * expression over the {@link Divergence}-transformed margin. Default ε = 0.1, the value TRL's
 * config documents as recommended by the paper.
 */
public final class RobustDpo extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("rdpo", Kind.LOSS, "preference")
            .papers(12).summary("robust DPO [(1−ε)·softplus(−β·h) − ε·softplus(β·h)]/(1−2ε), unbiased under label flips (TRL loss_type=robust)")
            .params(Dpo.BETA, ConservativeDpo.EPSILON, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new RobustDpo(p.real(Dpo.BETA), p.real(ConservativeDpo.EPSILON), Divergence.fromLabel(p.choice(Divergence.PARAM)),
                    p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final double epsilon;

    public RobustDpo(double beta, double epsilon) {
        this(beta, epsilon, Divergence.REVERSE_KL, 0.5);
    }

    /**
     * @param beta β &gt; 0
     * @param epsilon assumed flip rate ε in [0, 0.5)
     */
    public RobustDpo(double beta, double epsilon, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
        this.epsilon = ConservativeDpo.EPSILON.check(epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray z = Scalars.mul(p.delta(), beta);
        NDArray given = Scalars.mul(Tensors.softplus(z.neg()), (1 - epsilon) / (1 - 2 * epsilon));
        return given.sub(Scalars.mul(Tensors.softplus(z), epsilon / (1 - 2 * epsilon)));
    }
}
