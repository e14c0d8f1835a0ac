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
 * DiscoPOP's log-ratio modulated loss (Chan Lu et al. 2024, eq. 5; catalogued in paper 56, spec 56):
 * with z = β·Δ and m = σ(z/τ), ℓ = (1 − m)·softplus(−z) + m·e^{−z}. TRL's {@code loss_type="discopop"}
 * (main at f2cd577, {@code discopop_tau} default 0.05). The exponential term is computed as
 * m·e^{−z} = exp(−z − softplus(−z/τ)), the same value without the overflow that makes TRL's
 * e^{−z}·σ(z/τ) NaN for margins below about −710/β.
 */
public final class Discopop extends PairedPreferenceLoss {
    public static final Param TAU = Param.real("tau", 0.05, Range.greaterThan(0), "temperature τ of the mixing coefficient σ(β·Δ/τ) (TRL discopop_tau)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("discopop", Kind.LOSS, "preference")
            .papers(56).summary("DiscoPOP (1 − σ(z/τ))·softplus(−z) + σ(z/τ)·e^{−z}, z = β·Δ (TRL loss_type=discopop)")
            .params(Dpo.BETA, TAU, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new Discopop(p.real(Dpo.BETA), p.real(TAU), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final double tau;

    /**
     * @param beta β &gt; 0
     * @param tau τ &gt; 0
     */
    public Discopop(double beta, double tau, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray z = Scalars.mul(p.delta(), beta);
        NDArray m = Tensors.sigmoid(Scalars.mul(z, 1 / tau));
        NDArray logistic = Scalars.mul(m, -1).add(Scalars.constant(m, 1)).mul(Tensors.softplus(z.neg()));
        NDArray exponential = z.neg().sub(Tensors.softplus(Scalars.mul(z, -1 / tau))).exp();
        return logistic.add(exponential);
    }
}
