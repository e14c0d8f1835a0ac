package dev.losslab.train.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.Scalars;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base of LossLab's optimizers that follow {@code torch.optim}'s update rules on any DJL engine
 * (DJL 0.36's PyTorch engine implements only SGD, Adam and AdamW). It takes the learning rate of
 * update t (counted from 1, as torch's {@code step}) from a DJL tracker, hands the subclass the
 * gradient, and zeroes the gradient in place afterwards, as DJL's fused PyTorch updates do, so the
 * next backward pass starts from zero: both the array it is handed and the weight's own gradient,
 * because DJL's {@code Trainer} hands optimizers a duplicate of the gradient
 * ({@code LocalParameterServer}) and zeroing only that one let gradients pile up across steps.
 * Usable in a DJL {@code Trainer} and in LossLab's loop.
 */
abstract class TorchFormOptimizer extends Optimizer {
    private final ParameterTracker learningRate;
    private NDManager scope;
    private final Map<String, Map<String, Map<Device, NDArray>>> states = new ConcurrentHashMap<>();
    private final Map<String, NDArray> constants = new ConcurrentHashMap<>();
    private final Map<String, NDArray> rates = new ConcurrentHashMap<>();
    private final Map<String, Double> rateValues = new ConcurrentHashMap<>();

    private final double weightDecay;

    TorchFormOptimizer(ParameterTracker learningRate, double weightDecay) {
        super(new Settings().optWeightDecays((float) weightDecay));
        this.weightDecay = weightDecay;
        if (learningRate == null) {
            throw new IllegalArgumentException("learning rate tracker is required");
        }
        this.learningRate = learningRate;
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        int t = updateCount(parameterId);
        float lr = learningRate.getNewValue(parameterId, t);
        try (NDManager scope = weight.getManager().newSubManager()) {
            this.scope = scope;
            apply(parameterId, weight, grad, lr, t);
        } finally {
            this.scope = null;
        }
        grad.subi(grad);
        if (weight.hasGradient()) {
            try (NDArray own = weight.getGradient()) {
                own.subi(own);
            }
        }
    }

    /**
     * A 0-d array holding the fixed hyperparameter {@code value} in {@code like}'s type, made once
     * per type and kept in {@code like}'s manager (made again if that manager has closed): DJL's
     * in-place number operations ({@code x.muli(0.9)}) build a fresh direct buffer on every call.
     */
    NDArray hyper(NDArray like, double value) {
        String key = like.getDataType() + ":" + Double.doubleToLongBits(value);
        NDArray c = constants.get(key);
        if (c == null || c.isReleased()) {
            NDManager owner = like.getManager();
            c = Scalars.constant(like, value);
            c.attach(owner);
            constants.put(key, c);
        }
        return c;
    }

    /**
     * The learning rate {@code lr} as a 0-d array in {@code like}'s type: one slot per type,
     * replaced (and the old array closed) when the rate changes, so a schedule does not grow it.
     */
    NDArray rate(NDArray like, double lr) {
        String key = like.getDataType().toString();
        NDArray c = rates.get(key);
        if (c == null || c.isReleased() || rateValues.getOrDefault(key, Double.NaN) != lr) {
            if (c != null && !c.isReleased()) {
                c.close();
            }
            c = Scalars.constant(like, lr);
            c.attach(like.getManager());
            rates.put(key, c);
            rateValues.put(key, lr);
        }
        return c;
    }

    /** The weight decay in float64 (DJL keeps a float copy). */
    double weightDecay() {
        return weightDecay;
    }

    /**
     * x·factor written into a buffer of the parameter's own, kept between updates: the same
     * values as {@code x.mul(factor)} (a copy, then one in-place product), without the fresh
     * weight-sized array, whose page faults cost about ten times the product itself (a 784 × 128
     * weight: the product took 90% of the momentum update). Valid until the next call for this parameter.
     */
    NDArray product(String parameterId, NDArray weight, NDArray x, NDArray factor) {
        NDArray buffer = state("product", parameterId, weight, 0);
        buffer.set(ALL, x);
        return buffer.muli(factor);
    }

    private static final NDIndex ALL = new NDIndex("...");

    /** Moves a temporary of the current update into the update's scope, which frees it when the update ends. */
    NDArray temp(NDArray a) {
        a.attach(scope);
        return a;
    }

    /**
     * Updates {@code weight} in place from {@code grad} (which it may overwrite) at learning rate
     * {@code lr}, update t ≥ 1; every intermediate array goes through {@link #temp}.
     */
    abstract void apply(String parameterId, NDArray weight, NDArray grad, float lr, int t);

    /** The named per-parameter state array, created by {@code init} on first use (zeros unless a value is given). */
    NDArray state(String name, String parameterId, NDArray weight, double init) {
        Map<String, Map<Device, NDArray>> byName = states.computeIfAbsent(name, k -> new ConcurrentHashMap<>());
        return withDefaultState(byName, parameterId, weight.getDevice(), k -> {
            NDArray z = weight.zerosLike();
            return init == 0 ? z : z.addi(init);
        });
    }

    /** The plain builder DJL's {@code Optimizer} constructor needs (weight decay only). */
    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
