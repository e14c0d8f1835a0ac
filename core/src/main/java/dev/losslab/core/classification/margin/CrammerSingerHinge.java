package dev.losslab.core.classification.margin;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * Crammer–Singer multi-class hinge: ℓ = max_k max(0, margin·[k ≠ y] + o_k − o_y) (Crammer and Singer
 * 2001; a baseline of paper 09 and the λ → 0 limit of {@link dev.losslab.core.classification.robust.LdrKl} on raw scores).
 * Where ℓ &gt; 0 its gradient is e_{k*} − e_y for the first maximising k*, and 0 elsewhere.
 */
public final class CrammerSingerHinge extends ClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("crammer-singer-hinge", Kind.LOSS, "classification")
            .papers(9).summary("Crammer–Singer hinge max_k max(0, c[k≠y] + o_k − o_y)").params(Margins.MARGIN)
            .build(p -> new CrammerSingerHinge(p.real(Margins.MARGIN)));

    private final double margin;

    /** @param margin c ≥ 0 */
    public CrammerSingerHinge(double margin) {
        super(COMPONENT.name());
        this.margin = Margins.MARGIN.check(margin);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray v = Margins.margins(logits, labels, margin);
        NDArray value = v.max(new int[] {1});
        NDArray active = value.gt(value.zerosLike()).toType(logits.getDataType(), false);
        NDArray worst = logits.gather(v.argMax(1).expandDims(1), 1).sub(logits.gather(labels.expandDims(1), 1)).squeeze(1).mul(active);
        return value.add(worst.sub(worst.stopGradient()));
    }
}
