package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Symmetric cross-entropy as parameterised in paper 09's official code (after Wang et al. 2019):
 * ℓ = (1 − b)·(−log p_y) + b·4·(1 − p_y), where 4(1 − p_y) is the reverse cross-entropy with
 * log 0 replaced by −4 (A = −4).
 */
public final class SymmetricCrossEntropy extends ClosedFormClassificationObjective {
    public static final Param B = Param.real("b", 0.5, Range.closed(0, 1), "weight of the reverse cross-entropy");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("sce", Kind.LOSS, "classification")
            .papers(9).summary("symmetric cross-entropy (1−b)·CE + b·4·(1 − p_y)").params(B)
            .build(p -> new SymmetricCrossEntropy(p.real(B)));

    private final double b;

    /** @param b weight of the reverse term, in [0, 1] */
    public SymmetricCrossEntropy(double b) {
        super(COMPONENT.name());
        this.b = B.check(b);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        double[] logPy = s.hostLogPy();
        double[] u = s.hostU();
        double[] value = new double[u.length];
        double[] weight = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            value[i] = (b - 1) * logPy[i] + 4 * b * u[i];
            weight[i] = 4 * b * Math.exp(logPy[i]) + 1 - b;
        }
        return Tensors.withGradient(s.rows(value), logits, s.residual(), s.rows(weight));
    }
}
