package dev.losslab.train;

import ai.djl.nn.ParameterList;

/**
 * Sees the model's gradients after each backward pass and before the optimizer consumes them
 * (e.g. to measure {@link NlmAlignment}). Reading gradients costs a host synchronisation.
 */
@FunctionalInterface
public interface GradientListener {
    /** @param parameters the model's parameters, whose {@code getArray().getGradient()} is this step's ∇L */
    void onGradients(int epoch, ParameterList parameters);
}
