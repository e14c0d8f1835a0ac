package dev.losslab.core.regression;

import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.ComponentProvider;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.List;

/** Registers the regression-as-classification losses of paper 64. */
public final class RegressionComponents implements ComponentProvider {

    @Override
    public List<Component<?>> components() {
        Param vMin = Param.real("v_min", -10, Range.ANY, "lower end of the support");
        Param vMax = Param.real("v_max", 10, Range.ANY, "upper end of the support");
        return List.of(
                new Component<Objective>("hl-gauss", Kind.LOSS, "regression", List.of(64),
                        "HL-Gauss: cross-entropy to a Gaussian-smoothed histogram target (inputs logits [N, bins], targets [N])",
                        List.of(vMin, vMax, Param.integer("bins", 51, Range.atLeast(2), "number of bins m"),
                                Param.real("sigma", 0, Range.atLeast(0), "Gaussian width; 0 = 0.75·bin width")),
                        p -> new HlGauss(new HistogramSupport(p.real("v_min"), p.real("v_max"), p.integer("bins")), p.real("sigma"))),
                new Component<Objective>("two-hot", Kind.LOSS, "regression", List.of(64),
                        "two-hot: cross-entropy to the two-atom target whose mean is the clipped target (inputs logits [N, atoms], targets [N])",
                        List.of(vMin, vMax, Param.integer("atoms", 51, Range.atLeast(2), "number of atoms, linspace(v_min, v_max, atoms)")),
                        p -> new TwoHot(p.real("v_min"), p.real("v_max"), p.integer("atoms"))),
                new Component<Objective>("mse", Kind.LOSS, "regression", List.of(64), "squared error (ŷ − y)² (inputs predictions [N], targets [N])",
                        List.of(), p -> new SquaredError()));
    }
}
