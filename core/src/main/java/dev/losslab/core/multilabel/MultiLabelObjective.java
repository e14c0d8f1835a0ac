package dev.losslab.core.multilabel;

import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.TARGETS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.List;

/**
 * Base of multi-label losses on {@code logits} [N, L] (trained) and binary {@code targets} [N, L];
 * predictions are [σ(o) &gt; 0.5]. Validates both and delegates to {@link #perSample(NDArray, NDArray, Inputs)}.
 */
public abstract class MultiLabelObjective extends AbstractObjective {
    private static final List<InputSpec> INPUTS = List.of(InputSpec.trained(LOGITS, "[N, L]"), InputSpec.target(TARGETS, "[N, L] in {0, 1}"));

    /** @param extra inputs read after the first two (e.g. ids or weights), in order */
    protected MultiLabelObjective(String name, InputSpec... extra) {
        super(name, append(INPUTS, extra));
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray o = inputs.get(LOGITS);
        Checks.matrix(LOGITS, o, 1);
        NDArray y = inputs.get(TARGETS);
        if (!y.getShape().equals(o.getShape())) {
            throw new InvalidArgumentException(TARGETS, "expected shape " + o.getShape() + " (as logits), got " + y.getShape());
        }
        Checks.binary(TARGETS, y);
        return perSample(o, y.toType(o.getDataType(), false), inputs);
    }

    /** Per-sample values [N] for validated logits and 0/1 targets of the logits' type. */
    protected abstract NDArray perSample(NDArray logits, NDArray targets, Inputs inputs);
}
