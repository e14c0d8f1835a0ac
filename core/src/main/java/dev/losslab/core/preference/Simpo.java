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
 * Simple preference optimisation (SimPO; Meng et al. 2024; catalogued in paper 56, spec 56: DPO's
 * semantic loss with logit p_y = β·log π(y)/|y|, shifted by γ): with the per-token averages
 * a_w = policy_chosen/len_chosen, a_l = policy_rejected/len_rejected and z = β·(a_w − a_l) − γ,
 * ℓ = (1−ε)·softplus(−z) + ε·softplus(z) + α_cpo·NLL. TRL's {@code CPOTrainer} with
 * {@code loss_type="simpo"} (trl.experimental, main at f2cd577; {@code simpo_gamma} γ = 0.5,
 * β = 0.1, ε = 0). Default {@code cpo_alpha} = 0, SimPO proper (TRL's CPO default of 1 adds CPO's
 * SFT term, "CPO-SimPO").
 */
public final class Simpo extends PolicyPairLoss {
    public static final Param GAMMA = Param.real("gamma", 0.5, Range.ANY, "target reward margin γ (TRL simpo_gamma)");
    public static final Param CPO_ALPHA = Param.real("cpo_alpha", 0, Range.atLeast(0), "weight of CPO's SFT term (0: SimPO, > 0: CPO-SimPO)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("simpo", Kind.LOSS, "preference")
            .papers(56).summary("SimPO −log σ(β·(log π(y_w)/|y_w| − log π(y_l)/|y_l|) − γ), reference-free (TRL CPOTrainer simpo)")
            .params(Dpo.BETA, GAMMA, Cpo.EPSILON, CPO_ALPHA)
            .build(p -> new Simpo(p.real(Dpo.BETA), p.real(GAMMA), p.real(Cpo.EPSILON), p.real(CPO_ALPHA)));

    private final double beta;
    private final double gamma;
    private final double epsilon;
    private final double cpoAlpha;

    /**
     * @param beta β &gt; 0
     * @param gamma margin γ
     * @param epsilon label smoothing in [0, 0.5)
     * @param cpoAlpha SFT weight ≥ 0
     */
    public Simpo(double beta, double gamma, double epsilon, double cpoAlpha) {
        super(COMPONENT.name());
        this.beta = Dpo.BETA.check(beta);
        this.gamma = GAMMA.check(gamma);
        this.epsilon = Cpo.EPSILON.check(epsilon);
        this.cpoAlpha = CPO_ALPHA.check(cpoAlpha);
    }

    @Override
    protected NDArray loss(Pair p) {
        NDArray margin = p.chosen().div(p.chosenLengths()).sub(p.rejected().div(p.rejectedLengths()));
        NDArray z = Scalars.add(Scalars.mul(margin, beta), -gamma);
        NDArray l = SmoothedSigmoid.loss(z, epsilon);
        return cpoAlpha == 0 ? l : l.add(Scalars.mul(p.nll(), cpoAlpha));
    }
}
