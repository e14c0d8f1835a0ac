package dev.losslab.core.preference.logic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.preference.Divergence;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.PairScores;
import dev.losslab.core.preference.PairedPreferenceLoss;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.Map;

/**
 * A preference structure of paper 56 (Richardson et al. 2025, spec 56) compiled to a loss: the
 * propositions M_w ("the chosen response is good") and M_l ("the rejected one is good") get the
 * logits β·s_c and β·s_r of the pair's (divergence-transformed) log-ratios, and the loss is the
 * {@link SemanticLoss} of a core formula F given a conditioning constraint C, mixed with the mirror
 * structure (w and l exchanged) at weight ε:
 * ℓ = (1−ε)·(−log P(F | C)) + ε·(−log P(F̄ | C)).
 * Spec 56's identities: F = M_w ∧ ¬M_l given exactly-one(M_w, M_l) is DPO, −log σ(β·Δ); the same F
 * unconditioned is TRL's bco_pair; the ε-mixture of the conditioned form is cDPO.
 */
public final class SemanticPreference extends PairedPreferenceLoss {
    static final int W = 0;
    static final int L = 1;
    /** The named core formulas over (M_w, M_l). */
    static final Map<String, Formula> CORES = Map.of(
            "w-and-not-l", Formula.var(W, 2).and(Formula.var(L, 2).not()),
            "w", Formula.var(W, 2),
            "not-l", Formula.var(L, 2).not());
    /** The named conditioning constraints. */
    static final Map<String, Formula> CONDITIONS = Map.of(
            "exactly-one", Formula.exactlyOne(2),
            "none", Formula.constant(true, 2));

    public static final Param CORE = Param.choice("core", "w-and-not-l", List.of("w-and-not-l", "w", "not-l"), "core formula F over M_w, M_l");
    public static final Param CONDITIONING = Param.choice("conditioning", "exactly-one", List.of("exactly-one", "none"),
            "conditioning constraint C (none: unconditioned)");
    public static final Param EPSILON = Param.real("epsilon", 0, Range.closedOpen(0, 0.5), "weight ε of the mirrored structure");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("semantic-preference", Kind.LOSS, "preference")
            .papers(56).summary("semantic loss −log P(F | C) of a preference structure over M_w, M_l with logits β·log-ratio (paper 56)")
            .params(Dpo.BETA, CORE, CONDITIONING, EPSILON, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> new SemanticPreference(p.real(Dpo.BETA), CORES.get(p.choice(CORE)), CONDITIONS.get(p.choice(CONDITIONING)),
                    p.real(EPSILON), Divergence.fromLabel(p.choice(Divergence.PARAM)), p.real(Divergence.ALPHA_PARAM)));

    private final double beta;
    private final Formula core;
    private final Formula conditioning;
    private final double epsilon;

    /**
     * @param beta β &gt; 0
     * @param core F over (M_w, M_l), satisfiable under C
     * @param conditioning C
     * @param epsilon mirror weight in [0, 0.5)
     */
    public SemanticPreference(double beta, Formula core, Formula conditioning, double epsilon, Divergence divergence, double alpha) {
        super(COMPONENT.name(), PAIRED, divergence, alpha);
        if (core.variables() != 2 || conditioning.variables() != 2) {
            throw new IllegalArgumentException("preference structures here are over the two propositions M_w, M_l");
        }
        this.beta = Dpo.BETA.check(beta);
        this.core = core;
        this.conditioning = conditioning;
        this.epsilon = EPSILON.check(epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray logits = NDArrays.stack(new ai.djl.ndarray.NDList(Scalars.mul(p.chosen(), beta), Scalars.mul(p.rejected(), beta)), 1);
        NDArray given = SemanticLoss.of(core, conditioning, logits);
        if (epsilon == 0) {
            return given;
        }
        NDArray mirrored = SemanticLoss.of(core.swap(W, L), conditioning, logits);
        return Scalars.mul(given, 1 - epsilon).add(Scalars.mul(mirrored, epsilon));
    }
}
