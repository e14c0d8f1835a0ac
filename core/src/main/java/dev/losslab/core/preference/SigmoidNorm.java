package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.REJECTED_LENGTHS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * The length-normalised sigmoid loss (catalogued in paper 56, spec 56): DPO on per-token scores,
 * ℓ = −log σ(β·(s_c/len_c − s_r/len_r)) = softplus(−β·(s_c/len_c − s_r/len_r)). TRL's
 * {@code loss_type="sigmoid_norm"} (main at f2cd577); the token counts are the inputs
 * {@code chosen_lengths} and {@code rejected_lengths} (≥ 1; TRL clamps at 1, LossLab rejects less).
 */
public final class SigmoidNorm extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("sigmoid-norm", Kind.LOSS, "preference")
            .papers(56).summary("length-normalised DPO −log σ(β·(s_c/len_c − s_r/len_r)) (TRL loss_type=sigmoid_norm)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new SigmoidNorm(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public SigmoidNorm(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED_WITH_LENGTHS, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray c = p.chosen().div(lengths(p.inputs(), CHOSEN_LENGTHS, p.chosen()));
        NDArray r = p.rejected().div(lengths(p.inputs(), REJECTED_LENGTHS, p.rejected()));
        return Tensors.softplus(Scalars.mul(c.sub(r), -beta));
    }
}
