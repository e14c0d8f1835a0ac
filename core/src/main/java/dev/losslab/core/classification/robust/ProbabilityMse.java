package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClosedFormClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/** Squared error between the one-hot label and the softmax: ℓ = Σ_k (e_{y,k} − p_k)² (paper 09 baseline "MSE"), gradient in closed form. */
public final class ProbabilityMse extends ClosedFormClassificationObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("prob-mse", Kind.LOSS, "classification")
            .papers(9).summary("squared error Σ_k (e_y,k − p_k)² on softmax probabilities")
            .build(p -> new ProbabilityMse());

    public ProbabilityMse() {
        super(COMPONENT.name());
    }

    /**
     * With r = p − e_y (label entry −u = −(1 − p_y) from {@link LabelSoftmax}), ℓ = Σ_k r_k² and, by
     * dp_k/do_j = p_k(δ_kj − p_j), ∂ℓ/∂o_j = 2p_j(r_j − t) with t = Σ_k r_k·p_k = ℓ − u; at the label
     * that is −2p_y·ℓ, elsewhere 2r_j(r_j − t).
     */
    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray r = s.residual();
        NDArray value = r.mul(r).sum(new int[] {1});
        double[] squares = HostArrays.toDoubles(value);
        double[] u = s.hostU();
        double[] logPy = s.hostLogPy();
        double[] t = new double[u.length];
        double[] labelGradient = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            t[i] = squares[i] - u[i];
            labelGradient[i] = -2 * Math.exp(logPy[i]) * squares[i];
        }
        NDArray grad = r.sub(s.rows(t).expandDims(1)).muli(r).muli(Scalars.constant(r, 2));
        grad.set(LabelSoftmax.atLabels(grad, labels), s.rows(labelGradient));
        return Tensors.withGradient(value, logits, grad);
    }
}
