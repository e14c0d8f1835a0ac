package dev.losslab.train.averaging;

import ai.djl.nn.Block;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running average of a model's weights during training, {@code torch.optim.swa_utils.AveragedModel}
 * (PyTorch 2.7) updated after every optimizer update ({@code Training.averageParameters}): the
 * first update copies the weights; then
 * <ul>
 *   <li>{@code ema}: θ̄ ← d·θ̄ + (1 − d)·θ ({@code get_ema_multi_avg_fn(decay)});</li>
 *   <li>{@code swa}: θ̄ ← θ̄ + (θ − θ̄)/(n + 1), the equal-weight mean of the n + 1 snapshots
 *       (Izmailov et al. 2018, the default {@code avg_fn}), counting only updates from
 *       {@code start_fraction} of the run on.</li>
 * </ul>
 * Kept in float64 on the host; {@link #averaged} gives the average as a {@link StateDict} to load
 * into the model for evaluation.
 */
public final class ParameterAveraging {
    public static final Param DECAY = Param.real("decay", 0.999, Range.closedOpen(0, 1), "EMA decay d");
    public static final Param START_FRACTION = Param.real("start_fraction", 0.75, Range.closedOpen(0, 1), "fraction of the run after which SWA starts averaging");

    @Registered
    public static final Component<Factory> EMA = Component.declare("ema", Kind.AVERAGING, "averaging")
            .summary("exponential moving average of the weights, θ̄ ← d·θ̄ + (1 − d)·θ after each update (torch AveragedModel, EMA avg_fn)")
            .params(DECAY).build(p -> () -> ema(p.real(DECAY)));

    @Registered
    public static final Component<Factory> SWA = Component.declare("swa", Kind.AVERAGING, "averaging")
            .summary("stochastic weight averaging: the equal-weight mean of the weights after each update from start_fraction of the run on")
            .params(START_FRACTION).build(p -> () -> swa(p.real(START_FRACTION)));

    /** Creates a fresh average for one training run. */
    @FunctionalInterface
    public interface Factory {
        ParameterAveraging create();
    }

    private final double decay;
    private final double startFraction;
    private final Map<String, double[]> average = new LinkedHashMap<>();
    private long averaged;

    private ParameterAveraging(double decay, double startFraction) {
        this.decay = decay;
        this.startFraction = startFraction;
    }

    public static ParameterAveraging ema(double decay) {
        return new ParameterAveraging(DECAY.check(decay), -1);
    }

    public static ParameterAveraging swa(double startFraction) {
        return new ParameterAveraging(-1, START_FRACTION.check(startFraction));
    }

    /** Folds the block's current weights in; {@code progress} ∈ [0, 1] is the fraction of the run done (SWA skips updates before its start). */
    public void update(Block block, double progress) {
        if (startFraction >= 0 && progress < startFraction) {
            return;
        }
        StateDict now = StateDict.of(block);
        for (Map.Entry<String, float[]> e : now.tensors().entrySet()) {
            double[] avg = average.computeIfAbsent(e.getKey(), k -> new double[e.getValue().length]);
            float[] w = e.getValue();
            for (int i = 0; i < w.length; i++) {
                if (averaged == 0) {
                    avg[i] = w[i];
                } else if (decay >= 0) {
                    avg[i] = decay * avg[i] + (1 - decay) * w[i];
                } else {
                    avg[i] += (w[i] - avg[i]) / (averaged + 1);
                }
            }
        }
        averaged++;
    }

    /** How many snapshots have been folded in. */
    public long count() {
        return averaged;
    }

    /** The averaged weights. */
    public StateDict averaged() {
        if (averaged == 0) {
            throw new IllegalStateException("no weights averaged yet");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        average.forEach((name, v) -> {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            out.put(name, f);
        });
        return new StateDict(out);
    }
}
