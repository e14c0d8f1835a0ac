package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * SGDR's cosine annealing with warm restarts (Loshchilov and Hutter 2017),
 * {@code torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)} stepped per
 * update with fractional epochs: the i-th cycle lasts T_i = T_0·T_mult^i updates; at position
 * T_cur within it, lr = η_min + (base − η_min)·½(1 + cos(π·T_cur/T_i)), η_min = min_factor·base.
 * T_0 is given in epochs and converted to updates.
 */
public final class CosineRestarts extends StepSchedule {
    public static final Param T0_EPOCHS = Param.integer("t0_epochs", 10, Range.atLeast(1), "length of the first cycle, in epochs (torch T_0)");
    public static final Param T_MULT = Param.integer("t_mult", 1, Range.atLeast(1), "growth factor of each next cycle's length (torch T_mult)");
    public static final Param MIN_FACTOR = Param.real("min_factor", 0, Range.closed(0, 1), "rate at the end of each cycle as a fraction of the base (torch eta_min/base)");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("cosine-restarts", Kind.SCHEDULE, "schedule")
            .summary("cosine annealing with warm restarts, cycles T_0·T_mult^i (torch CosineAnnealingWarmRestarts)").params(T0_EPOCHS, T_MULT, MIN_FACTOR)
            .build(p -> (lr, run) -> new CosineRestarts(lr, p.integer(T0_EPOCHS) * run.updatesPerEpoch(), p.integer(T_MULT), p.real(MIN_FACTOR)));

    private final double base;
    private final long firstCycle;
    private final int mult;
    private final double minFactor;

    public CosineRestarts(double base, int firstCycle, int mult, double minFactor) {
        if (firstCycle < 1 || mult < 1) {
            throw new IllegalArgumentException("need firstCycle ≥ 1 and mult ≥ 1, got " + firstCycle + " and " + mult);
        }
        this.base = base;
        this.firstCycle = firstCycle;
        this.mult = mult;
        this.minFactor = MIN_FACTOR.check(minFactor);
    }

    @Override
    double at(int k) {
        long length = firstCycle;
        long position = k;
        while (position >= length) {
            position -= length;
            length *= mult;
        }
        double min = minFactor * base;
        return min + (base - min) * 0.5 * (1 + Math.cos(Math.PI * position / length));
    }
}
