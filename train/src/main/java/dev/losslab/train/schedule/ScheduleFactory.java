package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.util.Map;

/** A configured learning-rate schedule waiting for its base rate and the run's length. */
@FunctionalInterface
public interface ScheduleFactory {
    Tracker create(float baseLearningRate, RunLength run);

    /** The registered schedule {@code name} (e.g. {@code step-decay}) with the given hyperparameters. */
    static ScheduleFactory of(String name, Map<String, ?> params) {
        return Registry.defaults().create(name, Kind.SCHEDULE, ScheduleFactory.class, params);
    }
}
