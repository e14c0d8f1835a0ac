package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.STUDENT_LOGITS;
import static dev.losslab.core.InputNames.TEACHER_LOGITS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.List;

/**
 * Base of the logit distillation losses: {@code student_logits} [N, C] (trained), the frozen
 * {@code teacher_logits} [N, C] (constant; a teacher model or precomputed logits) and, for the
 * losses that split target and non-target classes, integer {@code labels} [N] in [0, C). Validates
 * them and offers the stable pieces the losses share: log-softmax at a temperature, the non-target
 * columns (the label column deleted, as spec 37 prescribes over the official code's −1000 mask) and
 * log(1 − p_y).
 */
public abstract class DistillationLoss extends AbstractObjective {
    protected static final InputSpec STUDENT = InputSpec.trained(STUDENT_LOGITS, "[N, C] student logits");
    protected static final InputSpec TEACHER = InputSpec.target(TEACHER_LOGITS, "[N, C] teacher logits, constant");
    protected static final InputSpec LABEL = InputSpec.target(LABELS, "[N] integers in [0, C)");

    protected DistillationLoss(String name, List<InputSpec> inputs) {
        super(name, inputs);
    }

    /** The validated inputs: student and teacher logits (teacher null when not read) and INT64 labels (null when not read). */
    protected record Logits(NDArray student, NDArray teacher, NDArray labels, Inputs inputs) {}

    @Override
    protected final NDArray evaluate(Inputs inputs) {
        NDArray zs = inputs.get(STUDENT_LOGITS);
        Checks.matrix(STUDENT_LOGITS, zs, 2);
        long n = zs.getShape().get(0);
        long c = zs.getShape().get(1);
        NDArray zt = null;
        if (reads(TEACHER_LOGITS)) {
            zt = inputs.get(TEACHER_LOGITS);
            if (!zt.getShape().equals(zs.getShape())) {
                throw new InvalidArgumentException(TEACHER_LOGITS, "expected shape " + zs.getShape() + " like " + STUDENT_LOGITS + ", got " + zt.getShape());
            }
            Checks.finite(TEACHER_LOGITS, zt);
            zt = zt.getDataType() == zs.getDataType() ? zt.stopGradient() : zt.toType(zs.getDataType(), false);
        }
        NDArray y = reads(LABELS) ? Checks.labels(LABELS, inputs.get(LABELS), n, c) : null;
        return loss(new Logits(zs, zt, y, inputs));
    }

    private boolean reads(String name) {
        return inputs().stream().anyMatch(s -> s.name().equals(name));
    }

    /** Per-sample values [N]. */
    protected abstract NDArray loss(Logits l);

    private static final dev.losslab.core.classification.softmax.CrossEntropy CROSS_ENTROPY = new dev.losslab.core.classification.softmax.CrossEntropy();

    /** Per-sample cross-entropy of {@code logits} [N, C] against validated {@code labels}: the registered {@code cross-entropy}. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        return CROSS_ENTROPY.perSample(Inputs.of(java.util.Map.of(dev.losslab.core.InputNames.LOGITS, logits, LABELS, labels)));
    }

    /** The {@code aux_logits} input, checked to be finite and shaped like the student's logits. */
    static NDArray auxLogits(Logits l) {
        NDArray aux = l.inputs().get(dev.losslab.core.InputNames.AUX_LOGITS);
        if (!aux.getShape().equals(l.student().getShape())) {
            throw new InvalidArgumentException(dev.losslab.core.InputNames.AUX_LOGITS,
                    "expected shape " + l.student().getShape() + " like " + STUDENT_LOGITS + ", got " + aux.getShape());
        }
        Checks.finite(dev.losslab.core.InputNames.AUX_LOGITS, aux);
        return aux;
    }

    /** log softmax(z / τ) over classes, precise at the largest entry ({@link dev.losslab.core.Tensors#preciseLogSoftmax}). */
    static NDArray logSoftmax(NDArray z, double tau) {
        return dev.losslab.core.Tensors.preciseLogSoftmax(tau == 1 ? z : dev.losslab.core.Scalars.div(z, tau));
    }

    /** The columns of {@code m} [N, C] other than each row's label, [N, C − 1] in increasing class order. */
    static NDArray nonTarget(NDArray m, NDArray labels) {
        long c = m.getShape().get(1);
        NDArray cols = m.getManager().arange(0, (int) (c - 1), 1, DataType.INT64).reshape(1, c - 1);
        NDArray index = cols.add(cols.gte(labels.reshape(-1, 1)).toType(DataType.INT64, false));
        return m.gather(index, 1);
    }

    /** log(1 − p_y) = logsumexp of the non-target logits minus logsumexp of all, for logits already divided by τ. */
    static NDArray logNotTarget(NDArray scaled, NDArray labels) {
        return dev.losslab.core.Tensors.logSumExp(nonTarget(scaled, labels)).sub(dev.losslab.core.Tensors.logSumExp(scaled));
    }
}
