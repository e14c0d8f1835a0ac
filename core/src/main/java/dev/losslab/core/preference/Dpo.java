package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Direct preference optimisation, the sigmoid loss (Rafailov et al. 2023, eq. 7; the baseline of
 * paper 12, spec 12 "DPO"): with the margin
 * h = (policy_chosen − ref_chosen) − (policy_rejected − ref_rejected) of summed log-probabilities,
 * ℓ = −log σ(β·h) = softplus(−β·h), ∂ℓ/∂h = −β·σ(−β·h); ∂ℓ/∂policy_chosen = ∂ℓ/∂h,
 * ∂ℓ/∂policy_rejected = −∂ℓ/∂h, and the reference log-probabilities are constants.
 *
 * <p>TRL's {@code DPOTrainer} with {@code loss_type="sigmoid"}, read in TRL's main branch at commit
 * f2cd577 (VERSION 1.10.0.dev0, 2026-07-24; the 1.13.0 release named by the issue is not in the
 * source mirror): −logsigmoid(β·Δ) over the {@link Divergence}-transformed margin Δ, default
 * β = 0.1, mean over the batch. That branch has no label smoothing; the smoothed form is
 * {@link ConservativeDpo}. Computed as softplus(−β·Δ), which keeps full relative precision for
 * margins of either sign.
 */
public final class Dpo extends PairedPreferenceLoss {
    public static final Param BETA = Param.real("beta", 0.1, Range.greaterThan(0), "inverse temperature β of the implicit reward");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("dpo", Kind.LOSS, "preference")
            .papers(12).summary("DPO sigmoid loss −log σ(β·h), h the policy-minus-reference log-ratio margin (TRL loss_type=sigmoid)")
            .params(BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new Dpo(p.real(BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 (reverse-KL scores) */
    public Dpo(double beta) {
        this(beta, Divergence.REVERSE_KL, 0.5);
    }

    /**
     * @param beta β &gt; 0
     * @param divergence score transform of the log-ratios
     * @param alpha α of the alpha divergence
     */
    public Dpo(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        return Tensors.softplus(Scalars.mul(p.delta(), -beta));
    }
}
