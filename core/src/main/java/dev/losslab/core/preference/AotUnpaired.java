package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Alignment via optimal transport, unpaired (AOT; Melnyk et al. 2024; catalogued in paper 56, spec
 * 56): the chosen log-ratios r_c and the rejected log-ratios r_r are each sorted over the batch and
 * δ_(i) = r_c(i) − r_r(i) of the sorted values goes through the label-smoothed sigmoid,
 * ℓ_i = (1−ε)·softplus(−β·δ_(i)) + ε·softplus(β·δ_(i)); per-sample value i belongs to the i-th
 * sorted pair. TRL's {@code loss_type="aot_unpaired"} (main at f2cd577), on the raw log-ratios, so
 * there is no divergence parameter.
 */
public final class AotUnpaired extends PairedPreferenceLoss {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("aot-unpaired", Kind.LOSS, "preference")
            .papers(56).summary("AOT unpaired: label-smoothed sigmoid loss on separately sorted chosen and rejected log-ratios (TRL loss_type=aot_unpaired)")
            .params(Dpo.BETA, SortedSigmoid.EPSILON)
            .build(p -> new AotUnpaired(p.real(Dpo.BETA), p.real(SortedSigmoid.EPSILON)));

    private final SortedSigmoid sigmoid;

    /**
     * @param beta β &gt; 0
     * @param epsilon label smoothing ε in [0, 0.5)
     */
    public AotUnpaired(double beta, double epsilon) {
        super(COMPONENT.name(), PAIRED, Divergence.REVERSE_KL, 0.5);
        this.sigmoid = new SortedSigmoid(beta, epsilon);
    }

    @Override
    protected NDArray loss(PairScores p) {
        return sigmoid.apply(p.chosenRatio(), p.rejectedRatio());
    }
}
