package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REJECTED_LENGTHS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.List;

/**
 * The base of the paired preference losses over sequence log-probabilities (TRL's
 * {@code DPOTrainer} loss types): it checks the four [N] inputs, forms the log-ratios
 * r_c = policy_chosen − ref_chosen and r_r = policy_rejected − ref_rejected, applies the
 * {@link Divergence} score transform (TRL {@code f_divergence_type}) and hands the scores
 * s_c = f(r_c), s_r = f(r_r) to {@link #loss} as {@link PairScores}; the margin is Δ = s_c − s_r (for reverse-kl, the
 * DPO margin h). Gradients flow into the policy inputs only; the reference ones are constants.
 */
public abstract class PairedPreferenceLoss extends AbstractObjective {
    protected static final List<InputSpec> PAIRED = List.of(
            InputSpec.trained(POLICY_CHOSEN_LOGPS, "[N] summed log-probs"), InputSpec.trained(POLICY_REJECTED_LOGPS, "[N] summed log-probs"),
            InputSpec.target(REF_CHOSEN_LOGPS, "[N] reference, constant"), InputSpec.target(REF_REJECTED_LOGPS, "[N] reference, constant"));
    protected static final List<InputSpec> PAIRED_WITH_LENGTHS = append(PAIRED,
            InputSpec.target(CHOSEN_LENGTHS, "[N] completion token counts ≥ 1"), InputSpec.target(REJECTED_LENGTHS, "[N] completion token counts ≥ 1"));

    private final Divergence divergence;
    private final double alpha;

    protected PairedPreferenceLoss(String name, List<InputSpec> inputs, Divergence divergence, double alpha) {
        super(name, inputs);
        this.divergence = divergence;
        this.alpha = Divergence.ALPHA_PARAM.check(alpha);
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray chosen = checked(inputs, inputs());
        NDArray rejected = inputs.get(POLICY_REJECTED_LOGPS);
        NDArray chosenRatio = chosen.sub(inputs.get(REF_CHOSEN_LOGPS).toType(chosen.getDataType(), false));
        NDArray rejectedRatio = rejected.sub(inputs.get(REF_REJECTED_LOGPS).toType(chosen.getDataType(), false));
        return loss(new PairScores(chosenRatio, rejectedRatio, divergence.score(chosenRatio, alpha), divergence.score(rejectedRatio, alpha), inputs));
    }

    /**
     * Checks the preference inputs {@code specs}: {@code policy_chosen_logps} a non-empty finite [N]
     * array, and every other one a finite [N] array; returns {@code policy_chosen_logps}.
     */
    static NDArray checked(Inputs inputs, List<InputSpec> specs) {
        NDArray chosen = inputs.get(POLICY_CHOSEN_LOGPS);
        if (chosen.getShape().dimension() != 1 || chosen.getShape().get(0) == 0) {
            throw new InvalidArgumentException(POLICY_CHOSEN_LOGPS, "expected a non-empty [N] array, got shape " + chosen.getShape());
        }
        Checks.finite(POLICY_CHOSEN_LOGPS, chosen);
        long n = chosen.getShape().get(0);
        for (InputSpec spec : specs) {
            if (!spec.name().equals(POLICY_CHOSEN_LOGPS)) {
                Checks.vector(spec.name(), inputs.get(spec.name()), n);
                Checks.finite(spec.name(), inputs.get(spec.name()));
            }
        }
        return chosen;
    }

    /** Token counts of {@code name} as the scores' type, each ≥ 1 (else an error naming the input). */
    static NDArray lengths(Inputs inputs, String name, NDArray like) {
        NDArray len = inputs.get(name).toType(like.getDataType(), false);
        if (len.lt(1).any().getBoolean()) {
            throw new InvalidArgumentException(name, "token counts must be at least 1");
        }
        return len;
    }

    /** Per-pair loss [N] from the log-ratios and their transformed scores. */
    protected abstract NDArray loss(PairScores pair);
}
