package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.UNDESIRABLE_WEIGHTS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registered;

/**
 * Binary classifier optimisation (BCO; paper 42, Jung et al. 2024, spec 42): a binary
 * cross-entropy on unpaired thumbs-up / thumbs-down examples whose logit is the implicit reward
 * r = β·(policy − reference) minus a reward shift δ: desirable ℓ = −log σ(r − δ) = softplus(δ − r),
 * undesirable ℓ = w·softplus(r − δ), with w the optional per-example UDM density-ratio weights
 * ({@code undesirable_weights}, 1 when absent; see {@link UdmWeights}); the mean over all examples is
 * the loss, and δ is a constant for the gradient. With {@code reward_shift=true} (TRL's BCOTrainer,
 * trl.experimental at f2cd577) every evaluation first adds all of the batch's rewards to a
 * {@link RunningRewardMean} and uses its new mean as δ, so an instance is stateful: evaluate it once
 * per optimisation step. {@code reward_shift=false} fixes δ = 0 (the ablation of spec 42).
 */
public final class Bco extends UnpairedPreferenceLoss {
    public static final Param REWARD_SHIFT = Param.bool("reward_shift", true, "shift the logits by the running mean reward δ (false: δ = 0)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("bco", Kind.LOSS, "preference")
            .papers(42).summary("BCO softplus(δ − r) desirable, w·softplus(r − δ) undesirable, r = β·log-ratio, δ the running mean reward")
            .params(Dpo.BETA, REWARD_SHIFT)
            .build(p -> new Bco(p.real(Dpo.BETA), p.bool(REWARD_SHIFT)));

    private final double beta;
    private final RunningRewardMean shift;

    /**
     * @param beta β &gt; 0
     * @param rewardShift track δ as the running mean reward (true) or fix δ = 0
     */
    public Bco(double beta, boolean rewardShift) {
        super(COMPONENT.name(), append(UNPAIRED, new InputSpec(UNDESIRABLE_WEIGHTS, "[N_r] UDM weights, optional", false, true)), 1, 1);
        this.beta = Dpo.BETA.check(beta);
        this.shift = rewardShift ? new RunningRewardMean() : null;
    }

    /** The current δ (0 when the shift is off or before the first evaluation). */
    public double delta() {
        return shift == null ? 0 : shift.mean();
    }

    @Override
    protected NDArray referencePoint(Inputs inputs, NDArray like) {
        if (shift == null) {
            return Scalars.constant(like, 0);
        }
        NDArray rewards = NDArrays.concat(new NDList(
                inputs.get(POLICY_CHOSEN_LOGPS).stopGradient().sub(inputs.get(REF_CHOSEN_LOGPS).toType(like.getDataType(), false)),
                inputs.get(POLICY_REJECTED_LOGPS).stopGradient().sub(inputs.get(REF_REJECTED_LOGPS).toType(like.getDataType(), false))));
        double[] values = Scalars.mul(rewards, beta).toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        return Scalars.constant(like, shift.update(values));
    }

    @Override
    protected NDArray desirable(NDArray logRatio, NDArray delta, Inputs inputs) {
        return Tensors.softplus(delta.sub(Scalars.mul(logRatio, beta)));
    }

    @Override
    protected NDArray undesirable(NDArray logRatio, NDArray delta, Inputs inputs) {
        NDArray loss = Tensors.softplus(Scalars.mul(logRatio, beta).sub(delta));
        if (!inputs.has(UNDESIRABLE_WEIGHTS)) {
            return loss;
        }
        return loss.mul(vector(inputs, UNDESIRABLE_WEIGHTS, logRatio.getShape().get(0)).toType(loss.getDataType(), false));
    }
}
