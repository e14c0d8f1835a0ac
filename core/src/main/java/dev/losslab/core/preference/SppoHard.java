package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * SPPO with hard win probabilities (Wu et al. 2024, eq. 4.7 with P = 1 for the winner, 0 for the
 * loser; catalogued in paper 56, spec 56): ℓ = (s_c − 1/(2β))² + (s_r + 1/(2β))², each log-ratio
 * regressed to ±1/(2β). TRL's {@code loss_type="sppo_hard"} (main at f2cd577).
 */
public final class SppoHard extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("sppo-hard", Kind.LOSS, "preference")
            .papers(56).summary("SPPO hard (s_c − 1/(2β))² + (s_r + 1/(2β))² (TRL loss_type=sppo_hard)")
            .params(Dpo.BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new SppoHard(p.real(Dpo.BETA), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;

    /** @param beta β &gt; 0 */
    public SppoHard(double beta, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray w = Scalars.add(p.chosen(), -0.5 / beta);
        NDArray l = Scalars.add(p.rejected(), 0.5 / beta);
        return w.mul(w).add(l.mul(l));
    }
}
