package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/** The constant learning rate lr_t = lr (DJL's {@code Tracker.fixed}), registered as {@code constant}. */
public final class ConstantRate {
    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("constant", Kind.SCHEDULE, "schedule")
            .summary("constant learning rate lr_t = lr")
            .build(p -> (lr, run) -> Tracker.fixed(lr));

    private ConstantRate() {}
}
