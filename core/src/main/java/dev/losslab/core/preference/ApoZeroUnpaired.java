package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * APO-zero over unpaired examples (D'Oosterlinck et al. 2024, eq. 7; catalogued with paper 42's
 * KTO-trainer losses, spec 42): desirable ℓ = λ_D·(1 − σ(β·r)) = λ_D·σ(−β·r), undesirable
 * ℓ = λ_U·σ(β·r), r the log-ratio; no KL reference point. TRL's {@code KTOTrainer} with
 * {@code loss_type="apo_zero_unpaired"} (main at f2cd577).
 */
public final class ApoZeroUnpaired extends UnpairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("apo-zero-unpaired", Kind.LOSS, "preference")
            .papers(42).summary("APO-zero on unpaired examples: σ(−β·r) desirable, σ(β·r) undesirable (TRL KTOTrainer apo_zero_unpaired)")
            .params(Dpo.BETA, Kto.LAMBDA_D, Kto.LAMBDA_U)
            .build(p -> new ApoZeroUnpaired(p.real(Dpo.BETA), p.real(Kto.LAMBDA_D), p.real(Kto.LAMBDA_U)));

    private final double beta;

    /**
     * @param beta β &gt; 0
     * @param lambdaD λ_D ≥ 0
     * @param lambdaU λ_U ≥ 0
     */
    public ApoZeroUnpaired(double beta, double lambdaD, double lambdaU) {
        super(COMPONENT.name(), UNPAIRED, Kto.LAMBDA_D.check(lambdaD), Kto.LAMBDA_U.check(lambdaU));
        this.beta = Dpo.BETA.check(beta);
    }

    @Override
    protected NDArray referencePoint(Inputs inputs, NDArray like) {
        return Scalars.constant(like, 0);
    }

    @Override
    protected NDArray desirable(NDArray logRatio, NDArray z0, Inputs inputs) {
        return Tensors.sigmoid(Scalars.mul(logRatio, -beta));
    }

    @Override
    protected NDArray undesirable(NDArray logRatio, NDArray z0, Inputs inputs) {
        return Tensors.sigmoid(Scalars.mul(logRatio, beta));
    }
}
