package dev.losslab.train.reweight;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.HostArrays;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import dev.losslab.train.InputSource;
import dev.losslab.train.Step;

/**
 * Dynamic loss-based sample reweighting (paper 27, Sow et al., ICLR 2025, spec 27; the official
 * {@code src/trainer.py}). A batch's per-sample losses ℓ are min–max normalised to [−δ, δ],
 * x_i = (2δ·ℓ_i − δ·(ℓ_max + ℓ_min))/max(ℓ_max − ℓ_min, 1e-6) (equal losses give x = 0), scored by a
 * strategy f, and turned into the maximiser of Σ w_i f_i − r·KL(w‖uniform) on the simplex,
 * w_i = exp((f_i − max f)/r)/Σ_j exp((f_j − max f)/r). Strategies: {@code uniform} f = 0;
 * {@code lin-upper} f = min(x + δ, δ) (the paper's choice: down-weights low-loss samples, caps the
 * rest); {@code quadratic} f = 1 − x²/δ² (the code's "mid"); {@code extremes} f = |x|;
 * {@code linear} f = ½x + ½δ (the code's "upper"). The training loss is Σ w_i ℓ_i with the weights
 * detached; as per-sample weights for a mean reduction they are returned as B·w (they sum to the
 * batch size B). For the first {@code burnout_steps} steps the weights are uniform.
 */
public final class LossReweighting implements InputSource.Reweighter {
    /** The score f of a normalised loss x ∈ [−δ, δ]. */
    public enum Strategy {
        UNIFORM, LIN_UPPER, QUADRATIC, EXTREMES, LINEAR;

        double score(double x, double delta) {
            return switch (this) {
                case UNIFORM -> 0;
                case LIN_UPPER -> Math.min(x + delta, delta);
                case QUADRATIC -> 1 - x * x / (delta * delta);
                case EXTREMES -> Math.abs(x);
                case LINEAR -> 0.5 * x + 0.5 * delta;
            };
        }
    }

    public static final Param DELTA = Param.real("delta", 1.0, Range.greaterThan(0), "half-width δ of the normalised loss range");
    public static final Param R = Param.real("r", 1.0, Range.greaterThan(0), "temperature r of the KL regulariser (code: kl_reg); large r → uniform");
    public static final Param BURNOUT_STEPS = Param.integer("burnout_steps", 0, Range.atLeast(0), "steps with uniform weights before reweighting starts");

    @Registered
    public static final Component<ReweighterFactory> UNIFORM = declare("uniform", Strategy.UNIFORM, "uniform weights 1 (the baseline)");
    @Registered
    public static final Component<ReweighterFactory> LIN_UPPER = declare("lin-upper", Strategy.LIN_UPPER,
            "softmax(min(x + δ, δ)/r) of the min–max normalised loss: down-weights low-loss samples, caps high-loss ones");
    @Registered
    public static final Component<ReweighterFactory> QUADRATIC = declare("quadratic", Strategy.QUADRATIC, "softmax((1 − x²/δ²)/r): favours medium losses");
    @Registered
    public static final Component<ReweighterFactory> EXTREMES = declare("extremes", Strategy.EXTREMES, "softmax(|x|/r): favours the lowest and highest losses");
    @Registered
    public static final Component<ReweighterFactory> LINEAR = declare("linear", Strategy.LINEAR, "softmax((x/2 + δ/2)/r): weight grows with the loss");

    private static Component<ReweighterFactory> declare(String name, Strategy strategy, String summary) {
        return Component.declare(name, Kind.REWEIGHTER, "reweighting").papers(27).summary(summary).params(DELTA, R, BURNOUT_STEPS)
                .build(p -> () -> new LossReweighting(strategy, p.real(DELTA), p.real(R), p.integer(BURNOUT_STEPS)));
    }

    private final Strategy strategy;
    private final double delta;
    private final double r;
    private final int burnoutSteps;
    private int steps;

    public LossReweighting(Strategy strategy, double delta, double r, int burnoutSteps) {
        this.strategy = strategy;
        this.delta = DELTA.check(delta);
        this.r = R.check(r);
        this.burnoutSteps = BURNOUT_STEPS.check(burnoutSteps);
    }

    /** The normalised weights w (summing to 1) of one batch's losses. */
    public static double[] weights(double[] losses, Strategy strategy, double delta, double r) {
        int n = losses.length;
        if (n == 0) {
            throw new IllegalArgumentException("losses: the batch is empty");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double l : losses) {
            if (!Double.isFinite(l)) {
                throw new IllegalArgumentException("losses: found " + l);
            }
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
        }
        double range = Math.max(hi - lo, 1e-6);
        double[] f = new double[n];
        double fMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = 2 * delta * losses[i] / range - delta * (hi + lo) / range;
            f[i] = strategy.score(x, delta);
            fMax = Math.max(fMax, f[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            f[i] = Math.exp((f[i] - fMax) / r);
            sum += f[i];
        }
        for (int i = 0; i < n; i++) {
            f[i] /= sum;
        }
        return f;
    }

    @Override
    public NDArray weights(NDArray perSample, Step step) {
        double[] losses = perSample.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] w = steps++ < burnoutSteps ? uniform(losses.length) : weights(losses, strategy, delta, r);
        for (int i = 0; i < w.length; i++) {
            w[i] *= w.length;
        }
        return HostArrays.float64(step.scope(), w);
    }

    private static double[] uniform(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }
}
