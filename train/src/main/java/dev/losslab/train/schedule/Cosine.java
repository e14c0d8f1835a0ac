package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Cosine decay with an optional linear warm-up: lr_k = base·k/W for k &lt; W, then with
 * p = (k − W)/(T − W), lr_k = base·[α + (1 − α)·½(1 + cos(π·min(p, 1)))], α = {@code min_factor}.
 * Without warm-up it is {@code torch.optim.lr_scheduler.CosineAnnealingLR(T_max = T, eta_min = α·base)}
 * in closed form and optax's {@code cosine_decay_schedule(decay_steps = T, alpha = α)}; with
 * warm-up and α = 0, HF's {@code get_cosine_schedule_with_warmup} (num_cycles = 0.5).
 */
public final class Cosine extends StepSchedule {
    public static final Param WARMUP_FRACTION = Param.real("warmup_fraction", 0, Range.closedOpen(0, 1), "fraction of the run spent warming up linearly from 0");
    public static final Param MIN_FACTOR = Param.real("min_factor", 0, Range.closed(0, 1), "final rate as a fraction α of the base (optax alpha; torch eta_min/base)");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("cosine", Kind.SCHEDULE, "schedule")
            .summary("optional linear warm-up, then cosine decay from base to min_factor·base at the last update (torch CosineAnnealingLR, optax cosine_decay_schedule)")
            .params(WARMUP_FRACTION, MIN_FACTOR)
            .build(p -> (lr, run) -> new Cosine(lr, run.updates(p.real(WARMUP_FRACTION)), run.totalUpdates(), p.real(MIN_FACTOR)));

    private final double base;
    private final int warmupSteps;
    private final int totalSteps;
    private final double minFactor;

    public Cosine(double base, int warmupSteps, int totalSteps, double minFactor) {
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("need 0 ≤ warmupSteps < totalSteps, got " + warmupSteps + " and " + totalSteps);
        }
        this.base = base;
        this.warmupSteps = warmupSteps;
        this.totalSteps = totalSteps;
        this.minFactor = MIN_FACTOR.check(minFactor);
    }

    @Override
    double at(int k) {
        if (k < warmupSteps) {
            return base * warmup(k, warmupSteps);
        }
        double p = Math.min(1, (double) (k - warmupSteps) / (totalSteps - warmupSteps));
        return base * (minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * p)));
    }
}
