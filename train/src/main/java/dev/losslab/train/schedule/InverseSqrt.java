package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Inverse square-root decay after a linear warm-up (the Transformer's schedule; fairseq's
 * {@code inverse_sqrt}, HF transformers' {@code get_inverse_sqrt_schedule} with timescale = W):
 * lr_k = base·k/W for k &lt; W, then base·√(W/k). W = max(1, round(warmup_fraction·T)).
 */
public final class InverseSqrt extends StepSchedule {
    public static final Param WARMUP_FRACTION = Param.real("warmup_fraction", 0.05, Range.closedOpen(0, 1), "fraction of the run spent warming up (at least one update)");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("inverse-sqrt", Kind.SCHEDULE, "schedule")
            .summary("linear warm-up over W steps, then base·√(W/k) (fairseq inverse_sqrt)").params(WARMUP_FRACTION)
            .build(p -> (lr, run) -> new InverseSqrt(lr, Math.max(1, run.updates(p.real(WARMUP_FRACTION)))));

    private final double base;
    private final int warmupSteps;

    public InverseSqrt(double base, int warmupSteps) {
        if (warmupSteps < 1) {
            throw new IllegalArgumentException("warmupSteps must be ≥ 1, got " + warmupSteps);
        }
        this.base = base;
        this.warmupSteps = warmupSteps;
    }

    @Override
    double at(int k) {
        return k < warmupSteps ? base * warmup(k, warmupSteps) : base * Math.sqrt((double) warmupSteps / k);
    }
}
