package dev.losslab.core.classification.margin;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Weston–Watkins multi-class hinge as in paper 09's official code: the mean over all K entries
 * (the k = y entry is 0) of max(0, margin·[k ≠ y] + o_k − o_y), i.e. (1/K) Σ_{k≠y} max(0, c + o_k − o_y).
 * Its gradient, attached in closed form, is [v_k &gt; 0]/K for k ≠ y and −(Σ_{k≠y} [v_k &gt; 0])/K at y.
 */
public final class WestonWatkinsHinge extends ClosedFormClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("weston-watkins-hinge", Kind.LOSS, "classification")
            .papers(9).summary("Weston–Watkins hinge (1/K) Σ_{k≠y} max(0, c + o_k − o_y)").params(Margins.MARGIN)
            .build(p -> new WestonWatkinsHinge(p.real(Margins.MARGIN)));

    private final double margin;

    /** @param margin c ≥ 0 */
    public WestonWatkinsHinge(double margin) {
        super(COMPONENT.name());
        this.margin = Margins.MARGIN.check(margin);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray v = Margins.margins(logits, labels, margin);
        long k = v.getShape().get(1);
        NDArray grad = v.gt(v.zerosLike()).toType(v.getDataType(), false);
        grad.set(LabelSoftmax.atLabels(grad, labels), grad.sum(new int[] {1}).neg());
        NDArray value = Scalars.div(Scalars.max(v, 0).sum(new int[] {1}), k);
        return Tensors.withGradient(value, logits, grad.divi(Scalars.constant(grad, k)));
    }
}
