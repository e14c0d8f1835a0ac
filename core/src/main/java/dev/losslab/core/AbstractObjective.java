package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An {@link Objective} with a fixed registry name and input list: the base of the input-family
 * bases (classification, binary, multi-label, categorical regression), which add their input
 * validation in {@link #perSample(Inputs)}, and of objectives with their own inputs (episode and
 * embedding losses, squared error).
 */
public abstract class AbstractObjective implements Objective {
    private final String name;
    private final List<InputSpec> inputs;

    protected AbstractObjective(String name, List<InputSpec> inputs) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
    }

    /** {@code base} followed by {@code extra}. */
    protected static List<InputSpec> append(List<InputSpec> base, InputSpec... extra) {
        List<InputSpec> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(extra));
        return all;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public List<InputSpec> inputs() {
        return inputs;
    }

    /**
     * Per-sample values; the evaluation owns its temporaries ({@link EvaluationScope}), so only
     * the result is left behind, on the manager of the first trained input.
     */
    @Override
    public final NDArray perSample(Inputs inputs) {
        return EvaluationScope.run(this, inputs, () -> evaluate(inputs));
    }

    /** Per-sample values [N]: the objective's formula, run inside its evaluation scope. */
    protected abstract NDArray evaluate(Inputs inputs);
}
