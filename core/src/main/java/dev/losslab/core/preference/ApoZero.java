package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Anchored preference optimisation, zero variant (APO-zero; D'Oosterlinck et al. 2024, eq. 7;
 * catalogued in paper 56, spec 56): for chosen outputs believed better than the model's own,
 * ℓ = (1 − σ(β·r_c)) + σ(β·r_r) = σ(−β·r_c) + σ(β·r_r), on the raw log-ratios r. TRL's
 * {@code loss_type="apo_zero"} (main at f2cd577), which uses the untransformed log-ratios, so there
 * is no divergence parameter.
 */
public final class ApoZero extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("apo-zero", Kind.LOSS, "preference")
            .papers(56).summary("APO-zero σ(−β·r_c) + σ(β·r_r): raise the chosen, lower the rejected likelihood (TRL loss_type=apo_zero)")
            .params(Dpo.BETA)
            .build(p -> new ApoZero(p.real(Dpo.BETA)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public ApoZero(double beta) {
        super(COMPONENT.name(), PAIRED, Divergence.REVERSE_KL, 0.5);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        return Tensors.sigmoid(Scalars.mul(p.chosenRatio(), -beta)).add(Tensors.sigmoid(Scalars.mul(p.rejectedRatio(), beta)));
    }
}
