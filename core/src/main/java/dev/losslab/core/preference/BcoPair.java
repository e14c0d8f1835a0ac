package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * The paired binary-classifier loss of BCO as current TRL computes it (catalogued in paper 56,
 * spec 56: the unconditioned semantic loss of M_w ∧ ¬M_l): ℓ = −log σ(β·s_c) − log σ(−β·s_r)
 * = softplus(−β·s_c) + softplus(β·s_r). TRL's {@code loss_type="bco_pair"} (main at f2cd577), which
 * no longer subtracts the running reward shift of BCO (paper 42); that shifted form belongs to
 * {@code bco}.
 */
public final class BcoPair extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("bco-pair", Kind.LOSS, "preference")
            .papers(56).summary("paired BCO −log σ(β·s_c) − log σ(−β·s_r), no reward shift (TRL loss_type=bco_pair)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new BcoPair(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public BcoPair(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        return Tensors.softplus(Scalars.mul(p.chosen(), -beta)).add(Tensors.softplus(Scalars.mul(p.rejected(), beta)));
    }
}
