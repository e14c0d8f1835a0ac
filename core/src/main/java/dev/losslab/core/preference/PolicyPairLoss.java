package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REJECTED_LENGTHS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import java.util.List;

/**
 * The base of the reference-free paired losses of TRL's {@code CPOTrainer} and {@code ORPOTrainer}
 * (catalogued in paper 56): the policy's summed log-probs of the chosen and rejected responses and
 * their completion token counts, all [N]. It supplies the per-token averages a = logp/len and
 * TRL's SFT term, the token-mean cross-entropy over every chosen completion token of the batch,
 * NLL = −Σ_i policy_chosen_i / Σ_i len_chosen_i (a batch scalar, which TRL adds to the mean loss;
 * here it is added to every per-sample value, so the mean is TRL's total).
 */
public abstract class PolicyPairLoss extends AbstractObjective {
    static final List<InputSpec> INPUTS = List.of(
            InputSpec.trained(POLICY_CHOSEN_LOGPS, "[N] summed log-probs"), InputSpec.trained(POLICY_REJECTED_LOGPS, "[N] summed log-probs"),
            InputSpec.target(CHOSEN_LENGTHS, "[N] completion token counts ≥ 1"), InputSpec.target(REJECTED_LENGTHS, "[N] completion token counts ≥ 1"));

    protected PolicyPairLoss(String name) {
        super(name, INPUTS);
    }

    /** The four checked inputs. */
    protected record Pair(NDArray chosen, NDArray rejected, NDArray chosenLengths, NDArray rejectedLengths) {
        /** −Σ chosen / Σ chosen lengths: TRL's token-mean cross-entropy of the chosen completions. */
        NDArray nll() {
            return chosen.sum().div(chosenLengths.sum()).neg();
        }
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray chosen = PairedPreferenceLoss.checked(inputs, INPUTS);
        return loss(new Pair(chosen, inputs.get(POLICY_REJECTED_LOGPS), PairedPreferenceLoss.lengths(inputs, CHOSEN_LENGTHS, chosen),
                PairedPreferenceLoss.lengths(inputs, REJECTED_LENGTHS, chosen)));
    }

    /** Per-pair loss [N]. */
    protected abstract NDArray loss(Pair pair);
}
