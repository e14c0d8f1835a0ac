package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * Warm-up–stable–decay (MiniCPM, Hu et al. 2024), HF transformers' {@code get_wsd_schedule}:
 * linear warm-up k/W over W steps, the base rate for the stable phase, then over the last D steps
 * with progress p, f = α + (1 − α)·v(p), v = 1 − p (linear), ½(1 + cos πp) (cosine) or 1 − √p
 * (1-sqrt), α = min_lr_ratio; α after the run. W = round(warmup_fraction·T), D = round(decay_fraction·T).
 */
public final class WarmupStableDecay extends StepSchedule {
    public static final Param WARMUP_FRACTION = Param.real("warmup_fraction", 0.05, Range.closedOpen(0, 1), "fraction of the run spent warming up");
    public static final Param DECAY_FRACTION = Param.real("decay_fraction", 0.1, Range.closed(0, 1), "fraction of the run spent decaying, at its end");
    public static final Param MIN_LR_RATIO = Param.real("min_lr_ratio", 0, Range.closed(0, 1), "final rate as a fraction of the base");
    public static final Param DECAY_TYPE = Param.choice("decay_type", "cosine", List.of("linear", "cosine", "1-sqrt"), "shape of the decay phase");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("wsd", Kind.SCHEDULE, "schedule")
            .summary("warm-up, stable, decay (HF get_wsd_schedule)").params(WARMUP_FRACTION, DECAY_FRACTION, MIN_LR_RATIO, DECAY_TYPE)
            .build(p -> (lr, run) -> new WarmupStableDecay(lr, run.updates(p.real(WARMUP_FRACTION)), run.updates(p.real(DECAY_FRACTION)), run.totalUpdates(),
                    p.real(MIN_LR_RATIO), p.choice(DECAY_TYPE)));

    private final double base;
    private final int warmupSteps;
    private final int decayStart;
    private final int decaySteps;
    private final double minRatio;
    private final String decayType;

    public WarmupStableDecay(double base, int warmupSteps, int decaySteps, int totalSteps, double minLrRatio, String decayType) {
        if (warmupSteps < 0 || decaySteps < 0 || warmupSteps + decaySteps > totalSteps) {
            throw new IllegalArgumentException("need warm-up + decay ≤ total steps, got " + warmupSteps + " + " + decaySteps + " > " + totalSteps);
        }
        this.base = base;
        this.warmupSteps = warmupSteps;
        this.decaySteps = decaySteps;
        this.decayStart = totalSteps - decaySteps;
        this.minRatio = MIN_LR_RATIO.check(minLrRatio);
        if (!List.of("linear", "cosine", "1-sqrt").contains(decayType)) {
            throw new IllegalArgumentException("decay_type must be linear, cosine or 1-sqrt, got " + decayType);
        }
        this.decayType = decayType;
    }

    @Override
    double at(int k) {
        if (k < warmupSteps) {
            return base * warmup(k, warmupSteps);
        }
        if (k < decayStart) {
            return base;
        }
        if (k >= decayStart + decaySteps) {
            return base * minRatio;
        }
        double p = (double) (k - decayStart) / Math.max(1, decaySteps);
        double v = switch (decayType) {
            case "linear" -> 1 - p;
            case "cosine" -> 0.5 * (1 + Math.cos(Math.PI * p));
            default -> 1 - Math.sqrt(p);
        };
        return base * (minRatio + (1 - minRatio) * v);
    }
}
