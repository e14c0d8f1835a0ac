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
 * Contrastive preference optimisation (CPO; Xu et al. 2024, eq. 3; catalogued in paper 56, spec 56:
 * DPO's semantic loss with logit p_y = β·log π(y), no reference): with z = β·(policy_chosen −
 * policy_rejected) of summed log-probs,
 * ℓ = (1−ε)·softplus(−z) + ε·softplus(z) + α_cpo·NLL, NLL the token-mean cross-entropy of the
 * batch's chosen completions ({@link PolicyPairLoss}). TRL's {@code CPOTrainer} with
 * {@code loss_type="sigmoid"} (trl.experimental, main at f2cd577): β = 0.1, {@code label_smoothing}
 * ε = 0 and {@code cpo_alpha} = 1 by default; TRL's AlphaPO reward transform ({@code alpha}) is not
 * implemented.
 */
public final class Cpo extends PolicyPairLoss {
    public static final Param EPSILON = Param.real("epsilon", 0, Range.closedOpen(0, 0.5), "label smoothing ε (TRL label_smoothing)");
    public static final Param CPO_ALPHA = Param.real("cpo_alpha", 1.0, Range.atLeast(0), "weight of the SFT (behaviour cloning) term");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("cpo", Kind.LOSS, "preference")
            .papers(56).summary("CPO −log σ(β·(log π(y_w) − log π(y_l))) + α·NLL(y_w), reference-free (TRL CPOTrainer sigmoid)")
            .params(Dpo.BETA, EPSILON, CPO_ALPHA)
            .build(p -> new Cpo(p.real(Dpo.BETA), p.real(EPSILON), p.real(CPO_ALPHA)));

    private final double beta;
    private final double epsilon;
    private final double cpoAlpha;

    /**
     * @param beta β &gt; 0
     * @param epsilon label smoothing in [0, 0.5)
     * @param cpoAlpha SFT weight ≥ 0
     */
    public Cpo(double beta, double epsilon, double cpoAlpha) {
        super(COMPONENT.name());
        this.beta = Dpo.BETA.check(beta);
        this.epsilon = EPSILON.check(epsilon);
        this.cpoAlpha = CPO_ALPHA.check(cpoAlpha);
    }

    @Override
    protected NDArray loss(Pair p) {
        NDArray z = Scalars.mul(p.chosen().sub(p.rejected()), beta);
        NDArray l = SmoothedSigmoid.loss(z, epsilon);
        return cpoAlpha == 0 ? l : l.add(Scalars.mul(p.nll(), cpoAlpha));
    }
}
