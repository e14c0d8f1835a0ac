package dev.losslab.core.regression;

import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.TARGETS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.List;

/**
 * Regression by classification (paper 64): scalar {@code targets} [N] become a distribution p(y)
 * over m fixed values (bin centres or atoms), and the loss is the cross-entropy
 * −Σ_i p_i(y)·log softmax(logits)_i on {@code logits} [N, m]. Gradient: softmax(logits) − p(y).
 * Targets are clipped to the support first. The prediction is Σ_i softmax(logits)_i·value_i
 * ({@link #predict}); {@link #toProbabilities} and {@link #fromProbabilities} are spec 64's
 * {@code transformToProbs} and {@code transformFromProbs}.
 */
public abstract class CategoricalRegressionObjective extends AbstractObjective {
    private static final List<InputSpec> INPUTS = List.of(InputSpec.trained(LOGITS, "[N, m]"), InputSpec.target(TARGETS, "[N] real values"));

    protected CategoricalRegressionObjective(String name) {
        super(name, INPUTS);
    }

    /** The values the m logits stand for (bin centres or atoms). */
    public abstract double[] values();

    /** Target distributions [N, m] in float64 for clipped targets y [N] (float64). */
    protected abstract NDArray targetDistribution(NDArray y);

    public abstract double vMin();

    public abstract double vMax();

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray logits = inputs.get(LOGITS);
        Checks.matrix(LOGITS, logits, 2);
        if (logits.getShape().get(1) != values().length) {
            throw new InvalidArgumentException(LOGITS, "expected " + values().length + " columns (one per bin/atom), got " + logits.getShape().get(1));
        }
        NDArray targets = inputs.get(TARGETS);
        Checks.vector(TARGETS, targets, logits.getShape().get(0));
        Checks.finite(TARGETS, targets);
        NDArray y = targets.toType(DataType.FLOAT64, false).clip(vMin(), vMax());
        NDArray p = targetDistribution(y).toType(logits.getDataType(), false).stopGradient();
        return p.mul(logits.logSoftmax(-1)).sum(new int[] {-1}).neg();
    }

    /** Σ_i softmax(logits)_i·value_i, shape [N]. */
    public NDArray predict(NDArray logits) {
        return expectedValue(logits.softmax(-1));
    }

    /** The target distributions [N, m] (float64) of real targets [N], clipped to [vMin, vMax]. */
    public NDArray toProbabilities(NDArray targets) {
        Checks.finite(TARGETS, targets);
        return targetDistribution(targets.toType(DataType.FLOAT64, false).clip(vMin(), vMax()));
    }

    /** Σ_i p_i·value_i, shape [N], for distributions p [N, m] over the bins/atoms. */
    public NDArray fromProbabilities(NDArray probabilities) {
        Checks.matrix("probabilities", probabilities, values().length);
        if (probabilities.getShape().get(1) != values().length) {
            throw new InvalidArgumentException("probabilities", "expected " + values().length + " columns, got " + probabilities.getShape().get(1));
        }
        return expectedValue(probabilities);
    }

    private NDArray expectedValue(NDArray probabilities) {
        NDArray v = HostArrays.float64(probabilities.getManager(), values()).toType(probabilities.getDataType(), false);
        return probabilities.mul(v).sum(new int[] {-1});
    }
}
