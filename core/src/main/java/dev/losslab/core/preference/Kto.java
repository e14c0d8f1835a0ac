package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_KL_LOGPS;
import static dev.losslab.core.InputNames.REF_KL_LOGPS;

import ai.djl.ndarray.NDArray;
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

/**
 * Kahneman–Tversky optimisation (KTO; Ethayarajh et al. 2024; the baseline of paper 42, spec 42)
 * over unpaired examples, with the reference point z0 = max(0, mean(policy_kl − ref_kl)) estimated
 * on mismatched (prompt, completion) pairs and detached:
 * desirable ℓ = λ_D·(1 − σ(β·(r − z0))) = λ_D·σ(β·(z0 − r)), undesirable
 * ℓ = λ_U·(1 − σ(β·(z0 − r))) = λ_U·σ(β·(r − z0)), r = policy − reference log-ratio; the mean over all
 * examples is the loss. TRL's {@code KTOTrainer} with {@code loss_type="kto"} (main at f2cd577):
 * β = 0.1, {@code desirable_weight} λ_D = {@code undesirable_weight} λ_U = 1; the KL inputs carry no
 * gradient, as TRL detaches them.
 */
public final class Kto extends UnpairedPreferenceLoss {
    public static final Param LAMBDA_D = Param.real("lambda_d", 1, Range.atLeast(0), "weight λ_D of the desirable examples (TRL desirable_weight)");
    public static final Param LAMBDA_U = Param.real("lambda_u", 1, Range.atLeast(0), "weight λ_U of the undesirable examples (TRL undesirable_weight)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("kto", Kind.LOSS, "preference")
            .papers(42).summary("KTO λ_D·σ(β·(z0 − r)) on desirable, λ_U·σ(β·(r − z0)) on undesirable examples, z0 the batch KL (TRL loss_type=kto)")
            .params(Dpo.BETA, LAMBDA_D, LAMBDA_U)
            .build(p -> new Kto(p.real(Dpo.BETA), p.real(LAMBDA_D), p.real(LAMBDA_U)));

    private final double beta;

    /**
     * @param beta β &gt; 0
     * @param lambdaD λ_D ≥ 0
     * @param lambdaU λ_U ≥ 0
     */
    public Kto(double beta, double lambdaD, double lambdaU) {
        super(COMPONENT.name(), append(UNPAIRED, InputSpec.target(POLICY_KL_LOGPS, "[M] mismatched pairs under the policy, detached"),
                InputSpec.target(REF_KL_LOGPS, "[M] mismatched pairs under the reference")), LAMBDA_D.check(lambdaD), LAMBDA_U.check(lambdaU));
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray referencePoint(Inputs inputs, NDArray like) {
        NDArray policy = inputs.get(POLICY_KL_LOGPS);
        if (policy.getShape().dimension() != 1 || policy.getShape().get(0) == 0) {
            throw new InvalidArgumentException(POLICY_KL_LOGPS, "expected a non-empty [M] array, got shape " + policy.getShape());
        }
        NDArray ref = vector(inputs, REF_KL_LOGPS, policy.getShape().get(0));
        NDArray kl = vector(inputs, POLICY_KL_LOGPS, policy.getShape().get(0)).stopGradient().toType(like.getDataType(), false)
                .sub(ref.toType(like.getDataType(), false)).mean();
        return Scalars.max(kl, 0);
    }

    @Override
    protected NDArray desirable(NDArray logRatio, NDArray z0, Inputs inputs) {
        return Tensors.sigmoid(Scalars.mul(z0.sub(logRatio), beta));
    }

    @Override
    protected NDArray undesirable(NDArray logRatio, NDArray z0, Inputs inputs) {
        return Tensors.sigmoid(Scalars.mul(logRatio.sub(z0), beta));
    }
}
