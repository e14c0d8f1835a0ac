package dev.losslab.train.optim;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;

/** A configured optimizer waiting for its learning-rate schedule. */
@FunctionalInterface
public interface OptimizerFactory {
    Optimizer create(ParameterTracker learningRate);
}
