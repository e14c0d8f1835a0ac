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
 * EXO's pairwise loss (Ji et al. 2024, eq. 16; catalogued in paper 56's symbolic forms, spec 56):
 * the reverse KL between the policy's pair distribution q = softmax(β·(s_c, s_r)) and the
 * label distribution (1 − ε, ε), with z = β·Δ,
 * ℓ = σ(z)·(log σ(z) − log(1 − ε)) + σ(−z)·(log σ(−z) − log ε).
 * TRL's {@code loss_type="exo_pair"} with {@code label_smoothing=ε} (main at f2cd577); ε must lie in
 * (0, 1) since log ε appears. Default ε = 1e-3, EXO's recommended value (TRL's own default, 0, gives
 * an infinite loss).
 */
public final class ExoPair extends PairedPreferenceLoss {
    public static final Param EPSILON = Param.real("epsilon", 1e-3, Range.open(0, 1), "label smoothing ε of the target pair distribution (TRL label_smoothing)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("exo-pair", Kind.LOSS, "preference")
            .papers(56).summary("EXO pairwise: KL(softmax(β·(s_c, s_r)) ‖ (1−ε, ε)) (TRL loss_type=exo_pair)")
            .params(Dpo.BETA, EPSILON, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new ExoPair(p.real(Dpo.BETA), p.real(EPSILON), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final double epsilon;

    /**
     * @param beta β &gt; 0
     * @param epsilon ε in (0, 1)
     */
    public ExoPair(double beta, double epsilon, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        this.beta = Dpo.BETA.check(beta);
        this.epsilon = EPSILON.check(epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray z = Scalars.mul(p.delta(), beta);
        NDArray logQw = Tensors.softplus(z.neg()).neg();
        NDArray logQl = Tensors.softplus(z).neg();
        NDArray win = logQw.exp().mul(Scalars.add(logQw, -Math.log1p(-epsilon)));
        return win.add(logQl.exp().mul(Scalars.add(logQl, -Math.log(epsilon))));
    }
}
