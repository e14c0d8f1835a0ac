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
 * Adagrad in {@code torch.optim.Adagrad}'s form (PyTorch 2.7; Duchi et al. 2011): at update t,
 * g ← g + weight_decay·w; lr_t = lr/(1 + (t − 1)·lr_decay); s ← s + g²;
 * w ← w − lr_t·g/(√s + ε), with s starting at initial_accumulator_value. Defaults are torch's:
 * lr_decay = 0, initial_accumulator_value = 0, ε = 1e-10. DJL's own {@code Adagrad} throws on the
 * PyTorch engine.
 */
public final class Adagrad extends TorchFormOptimizer {
    public static final Param LR_DECAY = Param.real("lr_decay", 0, Range.atLeast(0), "learning-rate decay: lr/(1 + (t − 1)·lr_decay)");
    public static final Param INITIAL_ACCUMULATOR_VALUE = Param.real("initial_accumulator_value", 0, Range.atLeast(0), "starting value of the squared-gradient sum");
    public static final Param EPS = Param.real("eps", 1e-10, Range.greaterThan(0), "denominator constant ε");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0, Range.atLeast(0), "L2 coefficient added to the gradient");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("adagrad", Kind.OPTIMIZER, "optimizer")
            .summary("Adagrad (torch.optim.Adagrad form; works on the PyTorch engine)").params(LR_DECAY, INITIAL_ACCUMULATOR_VALUE, EPS, WEIGHT_DECAY)
            .build(p -> lr -> new Adagrad(lr, p.real(LR_DECAY), p.real(INITIAL_ACCUMULATOR_VALUE), p.real(EPS), p.real(WEIGHT_DECAY)));

    private final double lrDecay;
    private final double initial;
    private final double eps;

    public Adagrad(ParameterTracker learningRate, double lrDecay, double initialAccumulatorValue, double eps, double weightDecay) {
        super(learningRate, WEIGHT_DECAY.check(weightDecay));
        this.lrDecay = LR_DECAY.check(lrDecay);
        this.initial = INITIAL_ACCUMULATOR_VALUE.check(initialAccumulatorValue);
        this.eps = EPS.check(eps);
    }

    @Override
    void apply(String id, NDArray weight, NDArray grad, float lr, int t) {
        double wd = weightDecay();
        NDArray g = wd == 0 ? grad : grad.addi(temp(Scalars.mul(weight, wd)));
        NDArray sum = state("sum", id, weight, initial);
        sum.addi(temp(g.mul(g)));
        double rate = lr / (1 + (t - 1) * lrDecay);
        NDArray denominator = temp(sum.sqrt()).addi(eps);
        weight.subi(temp(g.div(denominator)).muli(rate));
    }
}
