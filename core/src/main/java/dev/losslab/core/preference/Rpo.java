package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.Locale;

/**
 * Regularized preference optimisation (RPO; paper 43, Liu et al. 2024, spec 43): DPO plus an SFT
 * (imitation) loss on the chosen responses, the form the paper derives from an adversarial reward
 * penalty. With h the DPO margin and ℓ_DPO = softplus(−β·h):
 * <ul>
 *   <li>{@code sft_normalization=sum} (the paper's main, "cumulative" form, the official
 *       alignment-handbook trainer): ℓ = ℓ_DPO − η·β·policy_chosen, so
 *       ∂ℓ/∂policy_chosen = −β·σ(−β·h) − η·β;
 *   <li>{@code token-mean} (the official OpenRLHF "average" form, per example): ℓ = ℓ_DPO − η·policy_chosen/n_chosen
 *       with n_chosen the input {@code chosen_lengths}; spec 43 allows the per-example mean in place of
 *       OpenRLHF's batch-level token mean, and this is what is implemented.
 * </ul>
 * η = 0 is {@link Dpo}. TRL's {@code rpo_alpha} cites a different paper (Pang et al. 2024) and uses a
 * batch-level token-mean cross-entropy; it is not this loss. Defaults: β = 0.1 (TRL's), η = 0.005
 * (the official Zephyr configs), sum.
 */
public final class Rpo extends PairedPreferenceLoss {
    /** How the SFT term is normalised. */
    public enum SftNormalization {
        SUM,
        TOKEN_MEAN;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static SftNormalization fromLabel(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public static final Param ETA = Param.real("eta", 0.005, Range.atLeast(0), "weight η of the SFT term on the chosen responses");
    public static final Param SFT_NORMALIZATION = Param.choice("sft_normalization", SftNormalization.SUM.label(),
            List.of(SftNormalization.SUM.label(), SftNormalization.TOKEN_MEAN.label()),
            "sum: η·β·(−log π(y_w)) (paper); token-mean: η·(−log π(y_w))/|y_w| (needs chosen_lengths)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("rpo", Kind.LOSS, "preference")
            .papers(43).summary("RPO: DPO + η·SFT loss on the chosen responses (summed with factor β, or token-mean)")
            .params(Dpo.BETA, ETA, SFT_NORMALIZATION, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new Rpo(p.real(Dpo.BETA), p.real(ETA), SftNormalization.fromLabel(p.choice(SFT_NORMALIZATION)),
                    Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final double eta;
    private final SftNormalization normalization;

    public Rpo(double beta, double eta, SftNormalization normalization) {
        this(beta, eta, normalization, Divergence.REVERSE_KL, 0.5);
    }

    /**
     * @param beta β &gt; 0
     * @param eta η ≥ 0
     * @param normalization sum or token-mean SFT term
     */
    public Rpo(double beta, double eta, SftNormalization normalization, Divergence divergence, double alpha) {
        super(COMPONENT.name(), normalization == SftNormalization.SUM ? PAIRED
                : append(PAIRED, InputSpec.target(CHOSEN_LENGTHS, "[N] chosen completion token counts ≥ 1")), divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
        this.eta = ETA.check(eta);
        this.normalization = normalization;
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray dpo = Tensors.softplus(Scalars.mul(p.delta(), -beta));
        NDArray chosen = p.inputs().get(POLICY_CHOSEN_LOGPS);
        NDArray sft = normalization == SftNormalization.SUM ? Scalars.mul(chosen, -eta * beta)
                : Scalars.mul(chosen.div(lengths(p.inputs(), CHOSEN_LENGTHS, chosen)), -eta);
        return dpo.add(sft);
    }
}
