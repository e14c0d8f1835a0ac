package dev.losslab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * SGD with heavy-ball momentum in {@code torch.optim.SGD}'s form (PyTorch 2.7, dampening 0; the
 * protocols of the paper specs assume it): g ← g + weight_decay·w; v ← momentum·v + g;
 * w ← w − lr·v (Nesterov: w ← w − lr·(g + momentum·v)).
 *
 * <p>DJL's own {@code Sgd} uses MXNet's form v ← momentum·v − lr·g, which differs from this one
 * whenever the learning rate changes.
 */
public final class MomentumSgd extends TorchFormOptimizer {
    public static final Param MOMENTUM = Param.real("momentum", 0, Range.closedOpen(0, 1), "momentum μ");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0, Range.atLeast(0), "L2 coefficient added to the gradient");
    public static final Param NESTEROV = Param.bool("nesterov", false, "Nesterov momentum");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("sgd", Kind.OPTIMIZER, "optimizer")
            .summary("SGD with PyTorch-form heavy-ball momentum and L2 weight decay").params(MOMENTUM, WEIGHT_DECAY, NESTEROV)
            .build(p -> lr -> new MomentumSgd(lr, p.real(MOMENTUM), p.real(WEIGHT_DECAY), p.bool(NESTEROV)));

    private final double momentum;
    private final boolean nesterov;

    public MomentumSgd(ParameterTracker learningRate, double momentum, double weightDecay, boolean nesterov) {
        super(learningRate, WEIGHT_DECAY.check(weightDecay));
        this.momentum = MOMENTUM.check(momentum);
        this.nesterov = nesterov;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    void apply(String id, NDArray weight, NDArray grad, float lr, int t) {
        double wd = weightDecay();
        NDArray g = wd == 0 ? grad : grad.addi(product(id, weight, weight, hyper(weight, wd)));
        NDArray step = g;
        if (momentum != 0) {
            NDArray v = state("momentum_buffer", id, weight, 0);
            v.muli(hyper(v, momentum)).addi(g);
            if (nesterov) {
                g.addi(product(id, weight, v, hyper(v, momentum)));
            } else {
                step = v;
            }
        }
        weight.subi(product(id, weight, step, rate(step, lr)));
    }

    /** Builder in DJL's style. */
    public static final class Builder {
        private ParameterTracker learningRate;
        private double momentum;
        private double weightDecay;
        private boolean nesterov;

        public Builder setLearningRateTracker(ParameterTracker lr) {
            this.learningRate = lr;
            return this;
        }

        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Builder optWeightDecays(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public MomentumSgd build() {
            return new MomentumSgd(learningRate, momentum, weightDecay, nesterov);
        }
    }
}
