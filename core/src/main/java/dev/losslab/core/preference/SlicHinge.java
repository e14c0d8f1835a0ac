package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * The SLiC hinge preference loss (Zhao et al. 2023; catalogued with paper 12's DPO-family baselines, from TRL's DPO loss
 * list): ℓ = max(0, 1 − β·Δ), ∂ℓ/∂Δ = −β where β·Δ &lt; 1 and 0 beyond (PyTorch's relu gradient,
 * 0 at the kink). TRL's {@code loss_type="hinge"} (main at f2cd577), where β plays the role of the
 * inverse margin 1/δ.
 */
public final class SlicHinge extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("slic-hinge", Kind.LOSS, "preference")
            .papers(12).summary("SLiC hinge max(0, 1 − β·Δ) on the log-ratio margin (TRL loss_type=hinge)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new SlicHinge(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /**
     * @param beta β &gt; 0
     */
    public SlicHinge(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray z = Scalars.mul(p.delta(), beta);
        return Scalars.max(Scalars.constant(z, 1).sub(z), 0);
    }
}
