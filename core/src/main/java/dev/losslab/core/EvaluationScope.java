package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One evaluation owns its temporaries. DJL attaches an operation's result to the manager of its
 * first operand, so an objective evaluated on inputs from a long-lived manager (labels created
 * once, full-batch data) would leave every N × C temporary there until that manager closes. Here
 * the inputs are temporarily attached to a fresh sub-manager for the evaluation; when it ends, the
 * result moves to the manager of the objective's first trained input, everything else is freed, and
 * the inputs return to their own managers. PyTorch's autograd keeps what backward needs by itself.
 */
final class EvaluationScope {
    private EvaluationScope() {}

    /** Runs {@code body} on {@code inputs} of {@code objective}; returns its result, owned by the home manager. */
    static NDArray run(Objective objective, Inputs inputs, Supplier<NDArray> body) {
        Map<NDArray, Boolean> distinct = new IdentityHashMap<>();
        List<NDArray> arrays = new ArrayList<>();
        for (NDArray a : inputs.asMap().values()) {
            if (distinct.put(a, Boolean.TRUE) == null) {
                arrays.add(a);
            }
        }
        if (arrays.isEmpty()) {
            return body.get();
        }
        NDManager home = home(objective, inputs, arrays.get(0));
        try (NDManager scope = home.newSubManager()) {
            for (NDArray a : arrays) {
                a.tempAttach(scope);
            }
            NDArray result = body.get();
            if (distinct.containsKey(result)) {
                result = result.duplicate();
            }
            result.attach(home);
            return result;
        }
    }

    /** The manager of the first declared trained input present, else of the first input. */
    private static NDManager home(Objective objective, Inputs inputs, NDArray first) {
        for (InputSpec s : objective.inputs()) {
            if (s.trained() && inputs.has(s.name())) {
                return inputs.get(s.name()).getManager();
            }
        }
        return first.getManager();
    }
}
