package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau} (PyTorch 2.7, threshold_mode 'rel'): after
 * each epoch's {@link #observe}, a value better than best·(1 − threshold) (mode min; best·(1 +
 * threshold) for max) becomes the best and resets the count of bad epochs, otherwise the count
 * grows; during a cooldown the count is held at 0; when it exceeds {@code patience} the rate becomes
 * max(lr·factor, min_lr) (unchanged if that moves it by at most 1e-8), the cooldown starts and the
 * count resets. {@code losslab train} observes each epoch's mean training loss.
 */
public final class ReduceOnPlateau implements MetricSchedule {
    public static final Param MODE = Param.choice("mode", "min", List.of("min", "max"), "whether the metric should decrease (loss) or increase (accuracy)");
    public static final Param FACTOR = Param.real("factor", 0.1, Range.open(0, 1), "multiplier of the rate at each reduction");
    public static final Param PATIENCE = Param.integer("patience", 10, Range.atLeast(0), "bad epochs tolerated before a reduction");
    public static final Param THRESHOLD = Param.real("threshold", 1e-4, Range.atLeast(0), "relative improvement that counts as better");
    public static final Param COOLDOWN = Param.integer("cooldown", 0, Range.atLeast(0), "epochs after a reduction during which bad epochs are not counted");
    public static final Param MIN_LR = Param.real("min_lr", 0, Range.atLeast(0), "lower bound of the rate");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("reduce-on-plateau", Kind.SCHEDULE, "schedule")
            .summary("lr·factor after more than patience epochs without relative improvement of a monitored metric (torch ReduceLROnPlateau)")
            .params(MODE, FACTOR, PATIENCE, THRESHOLD, COOLDOWN, MIN_LR)
            .build(p -> (lr, run) -> new ReduceOnPlateau(lr, p.choice(MODE).equals("max"), p.real(FACTOR), p.integer(PATIENCE), p.real(THRESHOLD),
                    p.integer(COOLDOWN), p.real(MIN_LR)));

    private final boolean maximise;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final int cooldown;
    private final double minLr;
    private double lr;
    private double best;
    private int badEpochs;
    private int cooldownLeft;

    public ReduceOnPlateau(double lr, boolean maximise, double factor, int patience, double threshold, int cooldown, double minLr) {
        this.lr = lr;
        this.maximise = maximise;
        this.factor = FACTOR.check(factor);
        this.patience = PATIENCE.check(patience);
        this.threshold = THRESHOLD.check(threshold);
        this.cooldown = COOLDOWN.check(cooldown);
        this.minLr = MIN_LR.check(minLr);
        this.best = maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) lr;
    }

    @Override
    public void observe(double metric) {
        if (Double.isNaN(metric)) {
            throw new IllegalArgumentException("metric is NaN");
        }
        boolean better = maximise ? metric > best * (1 + threshold) : metric < best * (1 - threshold);
        if (better) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownLeft > 0) {
            cooldownLeft--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            double reduced = Math.max(lr * factor, minLr);
            if (lr - reduced > 1e-8) {
                lr = reduced;
            }
            cooldownLeft = cooldown;
            badEpochs = 0;
        }
    }
}
