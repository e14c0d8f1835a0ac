package dev.losslab.core.classification.binary;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Scalars;
import java.util.List;

/**
 * Base of binary margin losses on scores {@code logits} [N] (trained) and {@code labels} [N] in
 * {0, 1}: with y = 2·label − 1 and the margin z = y·f, subclasses define ℓ(z).
 */
public abstract class BinaryObjective extends AbstractObjective {
    private static final List<InputSpec> INPUTS =
            List.of(InputSpec.trained(InputNames.LOGITS, "[N] scores"), InputSpec.target(InputNames.LABELS, "[N] in {0, 1}"));

    protected BinaryObjective(String name) {
        super(name, INPUTS);
    }

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray f = inputs.get(InputNames.LOGITS);
        if (f.getShape().dimension() == 2 && f.getShape().get(1) == 1) {
            f = f.squeeze(1);
        }
        if (f.getShape().dimension() != 1) {
            throw new InvalidArgumentException(InputNames.LOGITS, "expected scores of shape [N], got " + f.getShape());
        }
        if (f.getShape().get(0) == 0) {
            throw new InvalidArgumentException(InputNames.LOGITS, "empty batch (N = 0)");
        }
        Checks.finite(InputNames.LOGITS, f);
        NDArray labels = Checks.labels(InputNames.LABELS, inputs.get(InputNames.LABELS), f.getShape().get(0), 2);
        NDArray y = Scalars.mul(labels.toType(f.getDataType(), false), 2).sub(1);
        return perSample(f.mul(y), inputs);
    }

    /** ℓ(z) per sample for margins z = y·f [N]. */
    protected abstract NDArray perSample(NDArray margins, Inputs inputs);
}
