package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Anchored preference optimisation, down variant (APO-down; D'Oosterlinck et al. 2024, eq. 8;
 * catalogued in paper 56, spec 56): for chosen outputs believed worse than the model's own,
 * ℓ = σ(β·r_c) + (1 − σ(β·Δ)) = σ(β·r_c) + σ(−β·Δ), with r_c the raw chosen log-ratio and Δ the
 * transformed margin, exactly as TRL's {@code loss_type="apo_down"} (main at f2cd577) mixes them.
 */
public final class ApoDown extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("apo-down", Kind.LOSS, "preference")
            .papers(56).summary("APO-down σ(β·r_c) + σ(−β·Δ): lower both likelihoods, the rejected more (TRL loss_type=apo_down)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new ApoDown(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public ApoDown(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        return Tensors.sigmoid(Scalars.mul(p.chosenRatio(), beta)).add(Tensors.sigmoid(Scalars.mul(p.delta(), -beta)));
    }
}
