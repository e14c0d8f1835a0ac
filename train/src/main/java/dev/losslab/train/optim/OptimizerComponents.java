package dev.losslab.train.optim;

import ai.djl.training.optimizer.Optimizer;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.ComponentProvider;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.List;

/**
 * Registers the optimizers usable on DJL's PyTorch engine: {@code sgd} (PyTorch-form momentum,
 * {@link MomentumSgd}), and DJL's {@code adam} and {@code adamw}.
 */
public final class OptimizerComponents implements ComponentProvider {

    @Override
    public List<Component<?>> components() {
        Param beta1 = Param.real("beta1", 0.9, Range.closedOpen(0, 1), "first-moment decay");
        Param beta2 = Param.real("beta2", 0.999, Range.closedOpen(0, 1), "second-moment decay");
        Param eps = Param.real("eps", 1e-8, Range.greaterThan(0), "denominator constant");
        return List.of(
                new Component<OptimizerFactory>("sgd", Kind.OPTIMIZER, "optimizer", List.of(),
                        "SGD with PyTorch-form heavy-ball momentum and L2 weight decay",
                        List.of(Param.real("momentum", 0, Range.closedOpen(0, 1), "momentum μ"),
                                Param.real("weight_decay", 0, Range.atLeast(0), "L2 coefficient added to the gradient"),
                                Param.bool("nesterov", false, "Nesterov momentum")),
                        p -> lr -> MomentumSgd.builder().setLearningRateTracker(lr)
                                .optMomentum((float) p.real("momentum")).optNesterov(p.bool("nesterov"))
                                .optWeightDecays((float) p.real("weight_decay")).build()),
                new Component<OptimizerFactory>("adam", Kind.OPTIMIZER, "optimizer", List.of(), "Adam (DJL's fused update)",
                        List.of(beta1, beta2, eps),
                        p -> lr -> Optimizer.adam().optLearningRateTracker(lr)
                                .optBeta1((float) p.real("beta1")).optBeta2((float) p.real("beta2")).optEpsilon((float) p.real("eps")).build()),
                new Component<OptimizerFactory>("adamw", Kind.OPTIMIZER, "optimizer", List.of(), "AdamW, decoupled weight decay (DJL's fused update)",
                        List.of(beta1, beta2, eps, Param.real("weight_decay", 0.01, Range.atLeast(0), "decoupled weight decay")),
                        p -> lr -> Optimizer.adamW().optLearningRateTracker(lr)
                                .optBeta1((float) p.real("beta1")).optBeta2((float) p.real("beta2")).optEpsilon((float) p.real("eps"))
                                .optWeightDecays((float) p.real("weight_decay")).build()),
                new Component<OptimizerFactory>("perp-grad", Kind.OPTIMIZER, "optimizer", List.of(44),
                        "⊥Grad: removes the gradient component parallel to each weight tensor, then steps a base optimizer (defaults)",
                        List.of(Param.choice("base", "adamw", List.of("sgd", "adam", "adamw"), "base optimizer (with its default parameters)"),
                                Param.bool("rescale", true, "rescale g_⊥ to ‖g‖ (official code); false: the paper's plain projection")),
                        p -> lr -> new PerpGrad(baseFactory(p.choice("base")).create(lr), p.bool("rescale"))));
    }

    private OptimizerFactory baseFactory(String name) {
        return (OptimizerFactory) components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().create(java.util.Map.of());
    }
}
