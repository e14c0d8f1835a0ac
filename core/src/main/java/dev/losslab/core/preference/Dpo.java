package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * Direct preference optimisation, the sigmoid loss (Rafailov et al. 2023, eq. 7; the baseline of
 * paper 12, spec 12 "DPO"): with the margin
 * h = (policy_chosen − ref_chosen) − (policy_rejected − ref_rejected) of summed log-probabilities,
 * ℓ = −log σ(β·h) = softplus(−β·h), ∂ℓ/∂h = −β·σ(−β·h); ∂ℓ/∂policy_chosen = ∂ℓ/∂h,
 * ∂ℓ/∂policy_rejected = −∂ℓ/∂h, and the reference log-probabilities are constants.
 *
 * <p>The same as TRL's {@code DPOTrainer} with {@code loss_type="sigmoid"} and
 * {@code label_smoothing=0}, as read in the TRL source snapshot indexed here (its
 * {@code dpo_config.py} at commit 0105ef3, the series whose loss types end with
 * {@code apo_down}): the default β = 0.1 and the mean over the batch. The exact release was not
 * pinned. Computed as softplus(−β·h), which keeps full relative precision for margins of either sign.
 */
public final class Dpo extends AbstractObjective {
    public static final Param BETA = Param.real("beta", 0.1, Range.greaterThan(0), "inverse temperature β of the implicit reward");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("dpo", Kind.LOSS, "preference")
            .papers(12).summary("DPO sigmoid loss −log σ(β·h), h the policy-minus-reference log-ratio margin (TRL loss_type=sigmoid)")
            .params(BETA)
            .build(p -> new Dpo(p.real(BETA)));

    private static final List<InputSpec> INPUTS = List.of(
            InputSpec.trained(POLICY_CHOSEN_LOGPS, "[N] summed log-probs"), InputSpec.trained(POLICY_REJECTED_LOGPS, "[N] summed log-probs"),
            InputSpec.target(REF_CHOSEN_LOGPS, "[N] reference, constant"), InputSpec.target(REF_REJECTED_LOGPS, "[N] reference, constant"));

    private final double beta;

    /** @param beta β &gt; 0 */
    public Dpo(double beta) {
        super(COMPONENT.name(), INPUTS);
        this.beta = BETA.check(beta);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray chosen = inputs.get(POLICY_CHOSEN_LOGPS);
        if (chosen.getShape().dimension() != 1 || chosen.getShape().get(0) == 0) {
            throw new InvalidArgumentException(POLICY_CHOSEN_LOGPS, "expected a non-empty [N] array, got shape " + chosen.getShape());
        }
        Checks.finite(POLICY_CHOSEN_LOGPS, chosen);
        long n = chosen.getShape().get(0);
        NDArray rejected = inputs.get(POLICY_REJECTED_LOGPS);
        NDArray refChosen = inputs.get(REF_CHOSEN_LOGPS);
        NDArray refRejected = inputs.get(REF_REJECTED_LOGPS);
        for (String name : List.of(POLICY_REJECTED_LOGPS, REF_CHOSEN_LOGPS, REF_REJECTED_LOGPS)) {
            Checks.vector(name, inputs.get(name), n);
            Checks.finite(name, inputs.get(name));
        }
        NDArray h = chosen.sub(refChosen.toType(chosen.getDataType(), false)).sub(rejected)
                .add(refRejected.toType(chosen.getDataType(), false));
        return Tensors.softplus(Scalars.mul(h, -beta));
    }
}
