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
 * RMSprop in {@code torch.optim.RMSprop}'s form (PyTorch 2.7, single-tensor path; Hinton's lecture
 * 6e): g ← g + weight_decay·w; v ← α·v + (1 − α)·g²; centred: ḡ ← α·ḡ + (1 − α)·g and
 * d = √(v − ḡ²) + ε, else d = √v + ε; with momentum μ > 0: b ← μ·b + g/d, w ← w − lr·b; else
 * w ← w − lr·g/d. Defaults are torch's: α = 0.99, ε = 1e-8, μ = 0, not centred, no weight decay.
 * DJL's own {@code RmsProp} throws on the PyTorch engine.
 */
public final class RmsProp extends TorchFormOptimizer {
    public static final Param ALPHA = Param.real("alpha", 0.99, Range.closedOpen(0, 1), "smoothing constant α of the squared-gradient average");
    public static final Param EPS = Param.real("eps", 1e-8, Range.greaterThan(0), "denominator constant ε");
    public static final Param MOMENTUM = Param.real("momentum", 0, Range.closedOpen(0, 1), "momentum μ");
    public static final Param CENTERED = Param.bool("centered", false, "divide by the gradient's estimated standard deviation instead of its RMS");
    public static final Param WEIGHT_DECAY = Param.real("weight_decay", 0, Range.atLeast(0), "L2 coefficient added to the gradient");

    @Registered
    public static final Component<OptimizerFactory> COMPONENT = Component.declare("rmsprop", Kind.OPTIMIZER, "optimizer")
            .summary("RMSprop (torch.optim.RMSprop form; works on the PyTorch engine)").params(ALPHA, EPS, MOMENTUM, CENTERED, WEIGHT_DECAY)
            .build(p -> lr -> new RmsProp(lr, p.real(ALPHA), p.real(EPS), p.real(MOMENTUM), p.bool(CENTERED), p.real(WEIGHT_DECAY)));

    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;

    public RmsProp(ParameterTracker learningRate, double alpha, double eps, double momentum, boolean centered, double weightDecay) {
        super(learningRate, WEIGHT_DECAY.check(weightDecay));
        this.alpha = ALPHA.check(alpha);
        this.eps = EPS.check(eps);
        this.momentum = MOMENTUM.check(momentum);
        this.centered = centered;
    }

    @Override
    void apply(String id, NDArray weight, NDArray grad, float lr, int t) {
        double wd = weightDecay();
        NDArray g = wd == 0 ? grad : grad.addi(temp(Scalars.mul(weight, wd)));
        NDArray v = state("square_avg", id, weight, 0);
        v.muli(alpha).addi(temp(g.mul(g)).muli(1 - alpha));
        NDArray denominator;
        if (centered) {
            NDArray mean = state("grad_avg", id, weight, 0);
            mean.muli(alpha).addi(temp(Scalars.mul(g, 1 - alpha)));
            denominator = temp(temp(v.sub(temp(mean.mul(mean)))).sqrt()).addi(eps);
        } else {
            denominator = temp(v.sqrt()).addi(eps);
        }
        if (momentum > 0) {
            NDArray buffer = state("momentum_buffer", id, weight, 0);
            buffer.muli(momentum).addi(temp(g.div(denominator)));
            weight.subi(temp(Scalars.mul(buffer, lr)));
        } else {
            weight.subi(temp(g.div(denominator)).muli(lr));
        }
    }
}
