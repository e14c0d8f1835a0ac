package dev.losslab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms", Algorithm 2), in the form
 * of lion-pytorch 0.2 and optax 0.2's {@code lion}: w ← w·(1 − lr·weight_decay) (decoupled);
 * u = sign(β₁·m + (1 − β₁)·g); w ← w − lr·u; m ← β₂·m + (1 − β₂)·g, with sign(0) = 0.
 * Defaults β₁ = 0.9, β₂ = 0.99, weight_decay = 0 (lion-pytorch's; optax defaults to 1e-3).
 * torch.optim has no Lion.
 */
public final class Lion extends TorchFormOptimizer {
    public static final Param BETA1 = Param.real("beta1", 0.9, Range.closed(0, 1), "interpolation β₁ of the update direction");
    public static final Param BETA2 = Param.real("beta2", 0.99, Range.closed(0, 1), "momentum decay β₂");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0, Range.atLeast(0), "decoupled weight decay");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("lion", Kind.OPTIMIZER, "optimizer")
            .summary("Lion: sign of interpolated momentum, decoupled weight decay (lion-pytorch / optax.lion form)").params(BETA1, BETA2, WEIGHT_DECAY)
            .build(p -> lr -> new Lion(lr, p.real(BETA1), p.real(BETA2), p.real(WEIGHT_DECAY)));

    private final double beta1;
    private final double beta2;

    public Lion(ParameterTracker learningRate, double beta1, double beta2, double weightDecay) {
        super(learningRate, WEIGHT_DECAY.check(weightDecay));
        this.beta1 = BETA1.check(beta1);
        this.beta2 = BETA2.check(beta2);
    }

    @Override
    void apply(String id, NDArray weight, NDArray grad, float lr, int t) {
        double wd = weightDecay();
        if (wd != 0) {
            weight.muli(1 - lr * wd);
        }
        NDArray m = state("exp_avg", id, weight, 0);
        NDArray direction = temp(temp(Scalars.mul(m, beta1)).addi(temp(Scalars.mul(grad, 1 - beta1))).sign());
        weight.subi(direction.muli(lr));
        m.muli(beta2).addi(temp(Scalars.mul(grad, 1 - beta2)));
    }
}
