package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import java.util.List;

/**
 * The base of TRL's {@code KTOTrainer} losses over unpaired examples: desirable ("chosen", N_c of
 * them) and undesirable ("rejected", N_r) responses with their policy and reference summed
 * log-probs, either side possibly empty but not both. It forms the log-ratios r = policy − reference
 * and returns the per-example losses of the desirable examples followed by those of the undesirable
 * ones, each side scaled by its weight λ_D, λ_U; the mean over all N_c + N_r values is TRL's loss
 * ({@code nanmean} of the concatenation).
 */
public abstract class UnpairedPreferenceLoss extends AbstractObjective {
    static final List<InputSpec> UNPAIRED = List.of(
            InputSpec.trained(POLICY_CHOSEN_LOGPS, "[N_c] desirable, summed log-probs"), InputSpec.trained(POLICY_REJECTED_LOGPS, "[N_r] undesirable"),
            InputSpec.target(REF_CHOSEN_LOGPS, "[N_c] reference, constant"), InputSpec.target(REF_REJECTED_LOGPS, "[N_r] reference, constant"));

    private final double desirableWeight;
    private final double undesirableWeight;

    protected UnpairedPreferenceLoss(String name, List<InputSpec> inputs, double desirableWeight, double undesirableWeight) {
        super(name, inputs);
        this.desirableWeight = desirableWeight;
        this.undesirableWeight = undesirableWeight;
    }

    /** The input {@code name}, checked to be a finite [length] array (length may be 0). */
    static NDArray vector(Inputs inputs, String name, long length) {
        NDArray a = inputs.get(name);
        Checks.vector(name, a, length);
        Checks.finite(name, a);
        return a;
    }

    private static long length(Inputs inputs, String name) {
        NDArray a = inputs.get(name);
        if (a.getShape().dimension() != 1) {
            throw new InvalidArgumentException(name, "expected an [N] array, got shape " + a.getShape());
        }
        return a.getShape().get(0);
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        long nc = length(inputs, POLICY_CHOSEN_LOGPS);
        long nr = length(inputs, POLICY_REJECTED_LOGPS);
        if (nc + nr == 0) {
            throw new InvalidArgumentException(POLICY_CHOSEN_LOGPS, "the batch has no desirable and no undesirable example");
        }
        NDArray chosen = vector(inputs, POLICY_CHOSEN_LOGPS, nc);
        NDArray rejected = vector(inputs, POLICY_REJECTED_LOGPS, nr);
        NDArray chosenRatio = chosen.sub(vector(inputs, REF_CHOSEN_LOGPS, nc).toType(chosen.getDataType(), false));
        NDArray rejectedRatio = rejected.sub(vector(inputs, REF_REJECTED_LOGPS, nr).toType(rejected.getDataType(), false));
        NDArray reference = referencePoint(inputs, chosen);
        return NDArrays.concat(new NDList(Scalars.mul(desirable(chosenRatio, reference, inputs), desirableWeight),
                Scalars.mul(undesirable(rejectedRatio, reference, inputs), undesirableWeight)));
    }

    /**
     * The loss's reference point z0 (a detached 0-d array), computed before the losses from the
     * inputs; {@code like} is the desirable log-probs (for the data type and manager).
     */
    protected abstract NDArray referencePoint(Inputs inputs, NDArray like);

    /** Per-example losses of the desirable examples from their log-ratios. */
    protected abstract NDArray desirable(NDArray logRatio, NDArray z0, Inputs inputs);

    /** Per-example losses of the undesirable examples from their log-ratios. */
    protected abstract NDArray undesirable(NDArray logRatio, NDArray z0, Inputs inputs);
}
