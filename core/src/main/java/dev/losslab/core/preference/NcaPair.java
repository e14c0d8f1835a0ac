package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * NCA's pairwise loss (Chen et al. 2024; catalogued in paper 56's symbolic forms, spec 56): with
 * the rewards a = β·s_c and b = β·s_r,
 * ℓ = −log σ(a) − ½·log σ(−a) − ½·log σ(−b) = softplus(−a) + ½·softplus(a) + ½·softplus(b),
 * which raises the chosen response's own reward rather than only the margin. TRL's
 * {@code loss_type="nca_pair"} (main at f2cd577).
 */
public final class NcaPair extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("nca-pair", Kind.LOSS, "preference")
            .papers(56).summary("NCA pairwise −log σ(β·s_c) − ½·log σ(−β·s_c) − ½·log σ(−β·s_r) (TRL loss_type=nca_pair)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new NcaPair(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public NcaPair(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray a = Scalars.mul(p.chosen(), beta);
        NDArray b = Scalars.mul(p.rejected(), beta);
        return Tensors.softplus(a.neg()).add(Scalars.mul(Tensors.softplus(a).add(Tensors.softplus(b)), 0.5));
    }
}
