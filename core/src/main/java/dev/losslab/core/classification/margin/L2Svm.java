package dev.losslab.core.classification.margin;

import static dev.losslab.core.InputNames.OUTPUT_WEIGHTS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * The L2-SVM output layer of paper 31 (Agarap 2018, official {@code gru_svm.py}; Tang 2013):
 * one-vs-rest squared hinge with targets t ∈ {−1, +1}^K (one-hot with off-value −1) plus ½‖W‖² on
 * the output-layer weights only:
 * L = ½‖W‖²_F + c·Σ_n Σ_k max(0, 1 − t_nk·o_nk)², summed over the batch as in the official code.
 *
 * <p>Per-sample values are ℓ_n = c·Σ_k max(0, 1 − t_nk·o_nk)² + ½‖W‖²/N, so {@code Reduction.SUM}
 * gives the official L and the mean gives L/N. The optional trained input {@code output_weights}
 * (W, any shape) adds the regulariser; without it only the data term is computed.
 */
public final class L2Svm extends ClassificationObjective {
    public static final Param C = Param.real("c", 0.5, Range.greaterThan(0), "weight of the data term");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("l2-svm", Kind.LOSS, "classification")
            .papers(31).summary("one-vs-rest squared hinge c·Σ_k max(0, 1 − t_k·o_k)² (+ ½‖W‖² with input output_weights)").params(C)
            .build(p -> new L2Svm(p.real(C)));

    private final double c;

    /** @param c weight of the data term, &gt; 0 (official 0.5) */
    public L2Svm(double c) {
        super(COMPONENT.name(), new InputSpec(OUTPUT_WEIGHTS, "output-layer weights W", true, true));
        this.c = C.check(c);
    }

    /**
     * Predicted classes: argmax_k o_k, or with {@code official} the official code's
     * argmax_k sign(o_k), which breaks ties toward the lowest index when outputs share a sign.
     */
    public static long[] predict(NDArray logits, boolean official) {
        return (official ? logits.sign() : logits).argMax(-1).toLongArray();
    }

    @Override
    protected NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        NDArray h = o.stopGradient();
        NDArray hinge = h.add(Scalars.constant(h, 1));
        NDIndex atLabels = LabelSoftmax.atLabels(hinge, labels);
        hinge.set(atLabels, h.gather(labels.expandDims(1), 1).squeeze(1).neg().add(Scalars.constant(h, 1)));
        hinge = Scalars.max(hinge, 0);
        NDArray value = Scalars.mul(hinge.mul(hinge).sum(new int[] {1}), c);
        // ∂/∂o_k of c·max(0, 1 − t_k·o_k)² is −2c·t_k·max(0, 1 − t_k·o_k): +2c·hinge off the label, −2c·hinge at it
        NDArray grad = hinge.muli(Scalars.constant(h, 2 * c));
        grad.set(atLabels, grad.gather(labels.expandDims(1), 1).squeeze(1).neg());
        NDArray data = Tensors.withGradient(value, o, grad);
        if (!inputs.has(OUTPUT_WEIGHTS)) {
            return data;
        }
        NDArray w = inputs.get(OUTPUT_WEIGHTS);
        Checks.finite(OUTPUT_WEIGHTS, w);
        return data.add(Scalars.mul(w.mul(w).sum(), 0.5 / o.getShape().get(0)));
    }
}
