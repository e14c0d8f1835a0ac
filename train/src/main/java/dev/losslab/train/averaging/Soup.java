package dev.losslab.train.averaging;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Combines fine-tuned models of one architecture into one (paper 45); {@code validation} scores a candidate on held-out data (higher is better). */
@FunctionalInterface
public interface Soup {
    StateDict cook(List<StateDict> models, ToDoubleFunction<StateDict> validation);
}
