package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Arrays;
import java.util.List;

/**
 * Piecewise-constant learning rate: base·factor^m, where m counts the milestones already passed
 * (PyTorch's {@code MultiStepLR}). DJL numbers updates from 1, so update t uses the decayed
 * value once t &gt; milestone. Stateless, unlike DJL's {@code MultiFactorTracker}. Registered as
 * {@code step-decay}, whose milestones count epochs, as {@code MultiStepLR} stepped once per epoch.
 */
public final class StepDecay implements Tracker {
    public static final Param FACTOR = Param.real("factor", 0.1, new Range(0, true, 1, false), "multiplier applied at each milestone");
    public static final Param MILESTONES = Param.integers("milestones", List.of(), Range.atLeast(1), "epochs after which the rate is multiplied by factor");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("step-decay", Kind.SCHEDULE, "schedule")
            .summary("lr·factor^m, m the milestones passed (PyTorch MultiStepLR; milestones in epochs)").params(FACTOR, MILESTONES)
            .build(p -> (lr, run) -> new StepDecay(lr, (float) p.real(FACTOR),
                    Arrays.stream(p.integers(MILESTONES)).map(e -> e * run.updatesPerEpoch()).toArray()));

    private final float base;
    private final float factor;
    private final int[] milestones;

    /** @param milestones update counts after which the rate is multiplied by {@code factor} */
    public StepDecay(float base, float factor, int... milestones) {
        this.base = base;
        this.factor = (float) FACTOR.check(factor);
        this.milestones = milestones.clone();
    }

    @Override
    public float getNewValue(int numUpdate) {
        float v = base;
        for (int m : milestones) {
            if (numUpdate > m) {
                v *= factor;
            }
        }
        return v;
    }
}
