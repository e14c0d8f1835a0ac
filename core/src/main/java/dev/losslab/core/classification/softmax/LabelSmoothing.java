package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Cross-entropy against the smoothed target q = (1 − smoothing)·e_y + smoothing/C:
 * ℓ = −Σ_k q_k log p_k = (1 − smoothing)(−log p_y) + smoothing·(−(1/C) Σ_k log p_k).
 *
 * <p>Szegedy et al. 2016 (Inception-v3), as in PyTorch's {@code label_smoothing}. A baseline for
 * the classification papers; smoothing = 0 is cross-entropy. Gradient p − q in closed form from
 * {@link LabelSoftmax} (−log p_y precise for confident samples; −(1/C) Σ_k log p_k = lse − mean_k h_k).
 */
public final class LabelSmoothing extends ClosedFormClassificationObjective {
    public static final Param SMOOTHING = Param.real("smoothing", 0.1, Range.closed(0, 1), "mass spread uniformly over the C classes");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("label-smoothing", Kind.LOSS, "classification")
            .summary("cross-entropy against (1−smoothing)·one_hot + smoothing/C").params(SMOOTHING)
            .build(p -> new LabelSmoothing(p.real(SMOOTHING)));

    private final double smoothing;

    /** @param smoothing in [0, 1] */
    public LabelSmoothing(double smoothing) {
        super(COMPONENT.name());
        this.smoothing = SMOOTHING.check(smoothing);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray h = logits.stopGradient();
        double[] logPy = s.hostLogPy();
        double[] u = s.hostU();
        int n = u.length;
        double[] stats = HostArrays.toDoubles(NDArrays.stack(new NDList(h.gather(labels.expandDims(1), 1).squeeze(1), h.mean(new int[] {1}))));
        long c = logits.getShape().get(1);
        double[] value = new double[n];
        double[] labelGradient = new double[n];
        for (int i = 0; i < n; i++) {
            double uniform = stats[i] - logPy[i] - stats[n + i];
            value[i] = (smoothing - 1) * logPy[i] + smoothing * uniform;
            labelGradient[i] = -u[i] + smoothing - smoothing / c;
        }
        NDArray grad = s.residual().subi(Scalars.constant(h, smoothing / c));
        grad.set(LabelSoftmax.atLabels(grad, labels), s.rows(labelGradient));
        return Tensors.withGradient(s.rows(value), logits, grad);
    }
}
