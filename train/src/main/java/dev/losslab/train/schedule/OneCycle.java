package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * The 1cycle policy (Smith and Topin 2019), {@code torch.optim.lr_scheduler.OneCycleLR} with
 * {@code anneal_strategy='cos'}, {@code three_phase=False} (PyTorch 2.7): the base rate is max_lr;
 * it starts at max_lr/div_factor, rises to max_lr at step s₁ = pct_start·T − 1 and falls to
 * max_lr/(div_factor·final_div_factor) at step T − 1, each phase by
 * cos-annealing a + (b − a)·½(1 − cos(π·p)), p the phase's progress. Momentum cycling is not
 * included.
 */
public final class OneCycle extends StepSchedule {
    public static final Param PCT_START = Param.real("pct_start", 0.3, Range.open(0, 1), "fraction of the run spent increasing the rate");
    public static final Param DIV_FACTOR = Param.real("div_factor", 25, Range.greaterThan(0), "initial rate = max_lr/div_factor");
    public static final Param FINAL_DIV_FACTOR = Param.real("final_div_factor", 1e4, Range.greaterThan(0), "final rate = initial rate/final_div_factor");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("one-cycle", Kind.SCHEDULE, "schedule")
            .summary("1cycle: cosine rise from lr/div_factor to lr, then cosine fall to lr/(div_factor·final_div_factor) (torch OneCycleLR)")
            .params(PCT_START, DIV_FACTOR, FINAL_DIV_FACTOR)
            .build(p -> (lr, run) -> new OneCycle(lr, run.totalUpdates(), p.real(PCT_START), p.real(DIV_FACTOR), p.real(FINAL_DIV_FACTOR)));

    private final double max;
    private final double initial;
    private final double last;
    private final double peakStep;
    private final double endStep;

    public OneCycle(double maxLr, int totalSteps, double pctStart, double divFactor, double finalDivFactor) {
        if (totalSteps < 2) {
            throw new IllegalArgumentException("totalSteps must be ≥ 2, got " + totalSteps);
        }
        this.max = maxLr;
        this.initial = maxLr / DIV_FACTOR.check(divFactor);
        this.last = initial / FINAL_DIV_FACTOR.check(finalDivFactor);
        this.peakStep = PCT_START.check(pctStart) * totalSteps - 1;
        this.endStep = totalSteps - 1;
    }

    private static double anneal(double from, double to, double p) {
        return to + (from - to) / 2 * (Math.cos(Math.PI * p) + 1);
    }

    @Override
    double at(int k) {
        if (k <= peakStep) {
            return anneal(initial, max, peakStep <= 0 ? 1 : k / peakStep);
        }
        return anneal(max, last, Math.min(1, (k - peakStep) / (endStep - peakStep)));
    }
}
