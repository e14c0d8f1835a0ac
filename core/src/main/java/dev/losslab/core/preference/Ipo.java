package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.REJECTED_LENGTHS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Identity preference optimisation (IPO; Azar et al. 2023, eq. 17; paper 12's IPO baseline,
 * spec 12): the squared regression of the margin onto 1/(2β),
 * ℓ = (Δ − 1/(2β))², ∂ℓ/∂Δ = 2·(Δ − 1/(2β)), with β the paper's τ.
 *
 * <p>{@code length_normalized=true} (the default) is TRL's {@code loss_type="ipo"} (main at
 * f2cd577): each score is divided by its completion's token count before the difference,
 * Δ = s_c/len_c − s_r/len_r, which TRL says matches the IPO authors' reported runs; it needs the
 * {@code chosen_lengths} and {@code rejected_lengths} inputs (counts ≥ 1; TRL clamps at 1, LossLab
 * rejects smaller counts). {@code false} is the paper's unnormalised Δ = s_c − s_r, spec 12's golden
 * values.
 */
public final class Ipo extends PairedPreferenceLoss {
    public static final Param BETA = Param.real("beta", 0.1, Range.greaterThan(0), "regularisation β (the IPO paper's τ); target margin 1/(2β)");
    public static final Param LENGTH_NORMALIZED = Param.bool("length_normalized", true,
            "divide each log-ratio by its completion's token count, as TRL does (needs chosen_lengths, rejected_lengths)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("ipo", Kind.LOSS, "preference")
            .papers(12).summary("IPO (Δ − 1/(2β))², Δ the (length-normalised) log-ratio margin (TRL loss_type=ipo)")
            .params(BETA, LENGTH_NORMALIZED, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new Ipo(p.real(BETA), p.bool(LENGTH_NORMALIZED), Divergence.fromLabel(p.choice(Divergence.PARAM)),
                    p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final boolean lengthNormalized;

    public Ipo(double beta, boolean lengthNormalized) {
        this(beta, lengthNormalized, Divergence.REVERSE_KL, 0.5);
    }

    /**
     * @param beta β &gt; 0
     * @param lengthNormalized TRL's per-token form (true) or the paper's (false)
     */
    public Ipo(double beta, boolean lengthNormalized, Divergence divergence, double alpha) {
        super(COMPONENT.name(), lengthNormalized ? PAIRED_WITH_LENGTHS : PAIRED, divergence, alpha);
        this.beta = BETA.check(beta);
        this.lengthNormalized = lengthNormalized;
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray delta = lengthNormalized
                ? p.chosen().div(lengths(p.inputs(), CHOSEN_LENGTHS, p.chosen())).sub(p.rejected().div(lengths(p.inputs(), REJECTED_LENGTHS, p.rejected())))
                : p.delta();
        NDArray d = delta.sub(Scalars.constant(delta, 1 / (2 * beta)));
        return d.mul(d);
    }
}
