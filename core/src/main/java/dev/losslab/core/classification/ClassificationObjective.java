package dev.losslab.core.classification;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import java.util.List;

/**
 * Base of multi-class losses on {@code logits} [N, C] (trained) and integer {@code labels} [N]
 * in [0, C). Validates both, then delegates to {@link #perSample(NDArray, NDArray, Inputs)}.
 */
public abstract class ClassificationObjective extends AbstractObjective {
    private static final List<InputSpec> INPUTS =
            List.of(InputSpec.trained(LOGITS, "[N, C]"), InputSpec.target(LABELS, "[N] integers in [0, C)"));

    private final boolean finiteThroughValues;

    /** @param extra inputs read after the first two (e.g. ids or weights), in order */
    protected ClassificationObjective(String name, InputSpec... extra) {
        this(name, false, extra);
    }

    /**
     * @param finiteThroughValues check the logits' finiteness through the per-sample values
     *     ({@link Checks#finiteThrough}: one read of N values, the logits scanned only when some
     *     value is not finite) rather than before the evaluation. Only for objectives in which every
     *     NaN or infinite logit makes some value NaN or infinite ({@link ClosedFormClassificationObjective},
     *     the spherical family); {@code FiniteThroughValuesTest} checks each registered one.
     * @param extra inputs read after the first two, in order
     */
    protected ClassificationObjective(String name, boolean finiteThroughValues, InputSpec... extra) {
        super(name, append(INPUTS, extra));
        this.finiteThroughValues = finiteThroughValues;
    }

    /** Whether the logits' finiteness is checked through the values (see the constructor). */
    public final boolean checksFinitenessThroughValues() {
        return finiteThroughValues;
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray logits = inputs.get(LOGITS);
        Checks.matrixShape(LOGITS, logits, 2);
        if (!finiteThroughValues) {
            Checks.finite(LOGITS, logits);
        }
        long n = logits.getShape().get(0);
        long c = logits.getShape().get(1);
        NDArray labels = Checks.labels(LABELS, inputs.get(LABELS), n, c);
        NDArray values = perSample(logits, labels, inputs);
        if (finiteThroughValues) {
            Checks.finiteThrough(LOGITS, logits, values);
        }
        return values;
    }

    /**
     * Per-sample values [N] for validated inputs.
     *
     * @param logits finite [N, C], C ≥ 2
     * @param labels INT64 [N] in [0, C)
     * @param inputs all inputs, for objectives that read more than logits and labels
     */
    protected abstract NDArray perSample(NDArray logits, NDArray labels, Inputs inputs);
}
