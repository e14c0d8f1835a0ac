package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * TRL's {@code sft} loss type of {@code DPOTrainer} (main f2cd577; catalogued with TRL's losses in
 * paper 56, spec 56): the token-mean cross-entropy of the batch's chosen completions,
 * ℓ_i = NLL = −Σ_j policy_chosen_j / Σ_j len_chosen_j, the same batch scalar for every pair (TRL
 * expands it to one value per sequence; only the mean counts). It is the SFT term of MPO's mixture
 * {@code dpo, bco-pair, sft} with weights 0.8, 0.2, 1 ({@link PreferenceMixture}).
 */
public final class Sft extends PolicyPairLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("sft", Kind.LOSS, "preference")
            .papers(56).summary("TRL's sft loss type: token-mean NLL of the batch's chosen completions, −Σ policy_chosen / Σ chosen_lengths")
            .build(p -> new Sft());

    public Sft() {
        super(COMPONENT.name());
    }

    @Override
    protected NDArray loss(Pair p) {
        return p.nll().broadcast(p.chosen().getShape());
    }
}
