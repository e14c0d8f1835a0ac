package dev.losslab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.Map;

/**
 * Gradient clipping around any optimizer, applied to each gradient before the wrapped update
 * (DJL's {@code optClipGrad} clamps element-wise and, on the PyTorch engine, only from above):
 * <ul>
 *   <li>{@link #byValue}: g ← clamp(g, −c, c), {@code torch.nn.utils.clip_grad_value_} and optax's
 *       {@code clip};</li>
 *   <li>{@link #byGlobalNorm}: with ‖g‖ the norm of all parameters' gradients together, g ← g·c/(‖g‖ + 1e-6)
 *       when ‖g‖ &gt; c, {@code torch.nn.utils.clip_grad_norm_} (PyTorch 2.7: the same 1e-6, no
 *       rescaling below c); optax's {@code clip_by_global_norm} has no 1e-6.</li>
 * </ul>
 * The global norm is measured once per round of updates — when a parameter is updated for the
 * n-th time and no parameter had been before — over the gradients of {@code parameters}, which all
 * hold the current step's gradients then; DJL's {@code Trainer} and LossLab's loop both update every
 * parameter once per step.
 */
public final class ClippedOptimizer extends Optimizer {
    private final Optimizer inner;
    private final double maxValue;
    private final double maxNorm;
    private final PairList<String, Parameter> parameters;
    private final Map<String, Integer> updates = new HashMap<>();
    private int round;
    private double scale = 1;

    private ClippedOptimizer(Optimizer inner, double maxValue, double maxNorm, PairList<String, Parameter> parameters) {
        super(new Settings());
        this.inner = inner;
        this.maxValue = maxValue;
        this.maxNorm = maxNorm;
        this.parameters = parameters;
    }

    /** Clamps every gradient entry to [−maxValue, maxValue]. */
    public static ClippedOptimizer byValue(Optimizer inner, double maxValue) {
        if (!(maxValue > 0) || Double.isInfinite(maxValue)) {
            throw new IllegalArgumentException("maxValue must be finite and > 0, got " + maxValue);
        }
        return new ClippedOptimizer(inner, maxValue, 0, null);
    }

    /** Rescales all gradients together so that their global L2 norm is at most {@code maxNorm}. */
    public static ClippedOptimizer byGlobalNorm(Optimizer inner, double maxNorm, PairList<String, Parameter> parameters) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be finite and > 0, got " + maxNorm);
        }
        return new ClippedOptimizer(inner, 0, maxNorm, parameters);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (maxValue > 0) {
            try (NDArray clipped = grad.clip(-maxValue, maxValue)) {
                grad.subi(grad).addi(clipped);
            }
        } else {
            int n = updates.merge(parameterId, 1, Integer::sum);
            if (n > round) {
                round = n;
                scale = scale();
            }
            if (scale < 1) {
                grad.muli(scale);
            }
        }
        inner.update(parameterId, weight, grad);
    }

    /** c/(‖g‖ + 1e-6) when the global norm ‖g‖ exceeds c, else 1. */
    private double scale() {
        double sq = 0;
        for (Pair<String, Parameter> p : parameters) {
            NDArray w = p.getValue().getArray();
            if (!w.hasGradient()) {
                continue;
            }
            try (NDArray g = w.getGradient(); NDArray g2 = g.mul(g); NDArray s = g2.sum(); NDArray wide = s.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
                sq += wide.getDouble();
            }
        }
        double norm = Math.sqrt(sq);
        return norm > maxNorm ? maxNorm / (norm + 1e-6) : 1;
    }

    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
