package dev.losslab.train.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.util.Map;

/** A configured optimizer waiting for its learning-rate schedule. */
@FunctionalInterface
public interface OptimizerFactory {
    Optimizer create(ParameterTracker learningRate);

    /** The registered optimizer {@code name} (e.g. {@code adamw}) with the given hyperparameters. */
    static OptimizerFactory of(String name, Map<String, ?> params) {
        return Registry.defaults().create(name, Kind.OPTIMIZER, OptimizerFactory.class, params);
    }
}
