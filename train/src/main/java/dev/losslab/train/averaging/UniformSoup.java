package dev.losslab.train.averaging;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The uniform soup of paper 45 (Wortsman et al., ICML 2022, spec 45; the official {@code main.py}):
 * θ = (1/K)·Σ_k θ_k for every tensor of K models fine-tuned from the same initialisation. The
 * validation score is not used.
 */
public final class UniformSoup implements Soup {
    @Registered
    public static final Component<Soup> COMPONENT = Component.declare("uniform-soup", Kind.AVERAGING, "averaging").papers(45)
            .summary("uniform soup: the element-wise mean of K fine-tuned models' weights").build(p -> new UniformSoup());

    @Override
    public StateDict cook(List<StateDict> models, ToDoubleFunction<StateDict> validation) {
        double[] c = new double[models.size()];
        java.util.Arrays.fill(c, 1.0 / models.size());
        return StateDict.combine(models, c);
    }
}
