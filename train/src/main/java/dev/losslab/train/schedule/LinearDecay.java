package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Linear decay to zero with an optional linear warm-up, HF transformers'
 * {@code get_linear_schedule_with_warmup} (4.x): lr_k = base·k/W for k &lt; W, then
 * base·max(0, (T − k)/(T − W)); it reaches 0 at k = T. T is the run's total number of updates and
 * W = round(warmup_fraction·T).
 */
public final class LinearDecay extends StepSchedule {
    public static final Param WARMUP_FRACTION = Param.real("warmup_fraction", 0, Range.closedOpen(0, 1), "fraction of the run spent warming up linearly from 0");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("linear-decay", Kind.SCHEDULE, "schedule")
            .summary("linear warm-up over W steps, then linear decay to 0 at the last update (HF get_linear_schedule_with_warmup)").params(WARMUP_FRACTION)
            .build(p -> (lr, run) -> new LinearDecay(lr, run.updates(p.real(WARMUP_FRACTION)), run.totalUpdates()));

    private final double base;
    private final int warmupSteps;
    private final int totalSteps;

    public LinearDecay(double base, int warmupSteps, int totalSteps) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 ≤ warmupSteps < totalSteps, got " + warmupSteps + " and " + totalSteps);
        }
        this.base = base;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
    }

    @Override
    double at(int k) {
        if (k < warmupSteps) {
            return base * warmup(k, warmupSteps);
        }
        return base * Math.max(0, (double) (totalSteps - k) / Math.max(1, totalSteps - warmupSteps));
    }
}
