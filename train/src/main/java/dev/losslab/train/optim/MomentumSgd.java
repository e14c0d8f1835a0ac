package dev.losslab.train.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD with heavy-ball momentum in PyTorch's form (the protocols of the paper specs assume it):
 * g ← g + weight_decay·w; v ← momentum·v + g; w ← w − lr·v (Nesterov: w ← w − lr·(g + momentum·v)).
 *
 * <p>DJL's own {@code Sgd} uses MXNet's form v ← momentum·v − lr·g, which differs from this one
 * whenever the learning rate changes. After each update the gradient is zeroed in place, as DJL's
 * fused PyTorch updates do, so the next backward pass starts from zero.
 */
public final class MomentumSgd extends Optimizer {
    public static final Param MOMENTUM = Param.real("momentum", 0, Range.closedOpen(0, 1), "momentum μ");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0, Range.atLeast(0), "L2 coefficient added to the gradient");
    public static final Param NESTEROV = Param.bool("nesterov", false, "Nesterov momentum");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("sgd", Kind.OPTIMIZER, "optimizer")
            .summary("SGD with PyTorch-form heavy-ball momentum and L2 weight decay").params(MOMENTUM, WEIGHT_DECAY, NESTEROV)
            .build(p -> lr -> builder().setLearningRateTracker(lr).optMomentum((float) p.real(MOMENTUM)).optNesterov(p.bool(NESTEROV))
                    .optWeightDecays((float) p.real(WEIGHT_DECAY)).build());

    private final ParameterTracker learningRate;
    private final float momentum;
    private final boolean nesterov;
    private final Map<String, Map<Device, NDArray>> velocities = new ConcurrentHashMap<>();

    private MomentumSgd(Builder b) {
        super(b);
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        NDArray g = rescaleGrad == 1f ? grad : grad.muli(rescaleGrad);
        float wd = getWeightDecay();
        if (wd != 0) {
            try (NDArray decay = Scalars.mul(weight, wd)) {
                g.addi(decay);
            }
        }
        NDArray step = g;
        if (momentum != 0) {
            NDArray v = withDefaultState(velocities, parameterId, weight.getDevice(), k -> weight.zerosLike());
            v.muli(momentum).addi(g);
            if (nesterov) {
                try (NDArray look = Scalars.mul(v, momentum)) {
                    g.addi(look);
                }
            } else {
                step = v;
            }
        }
        try (NDArray delta = Scalars.mul(step, lr)) {
            weight.subi(delta);
        }
        grad.muli(0);
    }

    /** Builder in DJL's style. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private ParameterTracker learningRate;
        private float momentum;
        private boolean nesterov;

        public Builder setLearningRateTracker(ParameterTracker lr) {
            this.learningRate = lr;
            return this;
        }

        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        public MomentumSgd build() {
            if (learningRate == null) {
                throw new IllegalArgumentException("learning rate tracker is required");
            }
            return new MomentumSgd(this);
        }
    }
}
