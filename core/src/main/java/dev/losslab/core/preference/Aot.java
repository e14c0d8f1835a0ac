package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Alignment via optimal transport, paired (AOT; Melnyk et al. 2024; catalogued in paper 56, spec
 * 56): the policy's log-ratio differences d_i = policy_chosen_i − policy_rejected_i and the
 * reference's d′_i = ref_chosen_i − ref_rejected_i are each sorted over the batch, and the
 * label-smoothed sigmoid loss is applied to the sorted differences δ_(i) = d_(i) − d′_(i):
 * ℓ_i = (1−ε)·softplus(−β·δ_(i)) + ε·softplus(β·δ_(i)). Per-sample value i belongs to the i-th
 * smallest difference, not to input row i, and the loss depends on the whole batch (it is invariant
 * under permutations of the batch). TRL's {@code loss_type="aot"} (main at f2cd577), which works on
 * the raw log-probs, so there is no divergence parameter.
 */
public final class Aot extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("aot", Kind.LOSS, "preference")
            .papers(56).summary("AOT paired: label-smoothed sigmoid loss on batch-sorted log-ratio differences (TRL loss_type=aot)")
            .params(Dpo.BETA, SortedSigmoid.EPSILON)
            .build(p -> new Aot(p.real(Dpo.BETA), p.real(SortedSigmoid.EPSILON)));

    private final SortedSigmoid sigmoid;

    /**
     * @param beta β &gt; 0
     * @param epsilon label smoothing ε in [0, 0.5)
     */
    public Aot(double beta, double epsilon) {
        super(COMPONENT.name(), PAIRED, Divergence.REVERSE_KL, 0.5);
        this.sigmoid = new SortedSigmoid(beta, epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        NDArray policy = p.inputs().get(POLICY_CHOSEN_LOGPS).sub(p.inputs().get(POLICY_REJECTED_LOGPS));
        NDArray ref = p.inputs().get(REF_CHOSEN_LOGPS).sub(p.inputs().get(REF_REJECTED_LOGPS)).toType(policy.getDataType(), false);
        return sigmoid.apply(policy, ref);
    }
}
