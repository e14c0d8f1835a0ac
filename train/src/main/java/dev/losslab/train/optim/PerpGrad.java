package dev.losslab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.Map;

/**
 * ⊥Grad (paper 44, Prieto et al. 2025, official {@code orthograd.py}): before the base optimizer's
 * step, each parameter tensor's gradient g (flattened, with weight w) is replaced by its component
 * orthogonal to w, g_⊥ = g − ((w·g)/(w·w + 1e-30))·w, rescaled to the original norm,
 * g_⊥ ← g_⊥·‖g‖/(‖g_⊥‖ + 1e-30). The rescaling is the official code's; the paper writes the plain
 * projection ({@code rescale = false}). The base optimizer's own weight decay still applies.
 */
public final class PerpGrad extends Optimizer {
    public static final Param BASE = Param.choice("base", "adamw", List.of("sgd", "adam", "adamw"), "base optimizer (with its default parameters)");
    public static final Param RESCALE = Param.bool("rescale", true, "rescale g_⊥ to ‖g‖ (official code); false: the paper's plain projection");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("perp-grad", Kind.OPTIMIZER, "optimizer")
            .papers(44).summary("⊥Grad: removes the gradient component parallel to each weight tensor, then steps a base optimizer (defaults)")
            .params(BASE, RESCALE)
            .build(p -> lr -> new PerpGrad(OptimizerFactory.of(p.choice(BASE), Map.of()).create(lr), p.bool(RESCALE)));

    private final Optimizer base;
    private final boolean rescale;

    /**
     * @param base the optimizer that takes the step with g_⊥
     * @param rescale rescale g_⊥ to ‖g‖ (official code) or not (paper's formula)
     */
    public PerpGrad(Optimizer base, boolean rescale) {
        super(new Builder());
        this.base = base;
        this.rescale = rescale;
    }

    /** g_⊥ for one tensor (a new array; w and g are unchanged). */
    public NDArray orthogonal(NDArray weight, NDArray grad) {
        try (NDArray wg = weight.mul(grad).sum();
                NDArray ww = weight.mul(weight).sum().add(1e-30);
                NDArray coef = wg.div(ww);
                NDArray proj = weight.mul(coef)) {
            NDArray perp = grad.sub(proj);
            if (rescale) {
                try (NDArray gNorm = grad.mul(grad).sum().sqrt();
                        NDArray pNorm = perp.mul(perp).sum().sqrt().add(1e-30);
                        NDArray ratio = gNorm.div(pNorm)) {
                    perp.muli(ratio);
                }
            }
            return perp;
        }
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        try (NDArray perp = orthogonal(weight, grad)) {
            base.update(parameterId, weight, perp);
        }
        grad.muli(0);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
