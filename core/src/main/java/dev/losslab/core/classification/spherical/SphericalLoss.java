package dev.losslab.core.classification.spherical;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * A member of the spherical family (paper 02, de Brébisson and Vincent 2016; Vincent et al.
 * 2015): a loss that depends on the output o ∈ R^D only through q = Σ_k o_k², s = Σ_k o_k and the
 * target coordinate o_c. This dense form differentiates through q, s and o_c by autograd, so
 * ∂L/∂o = 2·(∂L/∂q)·o + (∂L/∂s)·1 + (∂L/∂o_c)·e_c.
 */
public abstract class SphericalLoss extends ClassificationObjective {

    /**
     * The logits' finiteness is checked through the values: a NaN or infinite o_k makes q = Σ o²
     * NaN or +∞, and each member's value of q (with s and o_c) is then NaN or infinite.
     */
    protected SphericalLoss(String name) {
        super(name, true);
    }

    @Override
    protected final NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        NDArray q = o.mul(o).sum(new int[] {-1});
        NDArray s = readsSum() ? o.sum(new int[] {-1}) : null;
        NDArray oc = Tensors.pick(o, labels);
        return value(o, q, s, oc, o.getShape().get(1));
    }

    /** Whether the loss reads s; when not, {@link #value} gets null for it (one pass over o fewer). */
    protected boolean readsSum() {
        return true;
    }

    /**
     * L(q, s, o_c) per sample.
     *
     * @param o the outputs [N, D] (for numerically better forms of q or s)
     * @param s Σ_k o_k, or null when {@link #readsSum()} is false
     * @param dim D, the number of outputs
     */
    protected abstract NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim);

    /** L(q, s, o_c) from the three scalars alone (no output vector), as the factored layer needs it. */
    protected NDArray valueOfScalars(NDArray q, NDArray s, NDArray oc, long dim) {
        return value(null, q, s, oc, dim);
    }

    /** Per-example loss values and partials ∂L/∂q, ∂L/∂s, ∂L/∂o_c. */
    public record Partials(double[] loss, double[] dq, double[] ds, double[] doc) {}

    /**
     * The loss and its three partials for m examples given by their q, s and o_c (float64; the
     * partials by autograd through {@link #valueOfScalars}), for an output layer that never forms
     * o (Vincent et al. 2015's factored update).
     */
    public Partials partials(double[] q, double[] s, double[] oc, long dim) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray[] in = {HostArrays.float64(m, q), HostArrays.float64(m, s), HostArrays.float64(m, oc)};
            for (NDArray a : in) {
                a.setRequiresGradient(true);
            }
            double[] loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = valueOfScalars(in[0], in[1], in[2], dim);
                loss = l.toDoubleArray();
                gc.backward(l.sum());
            }
            return new Partials(loss, gradient(in[0]), gradient(in[1]), gradient(in[2]));
        }
    }

    /** The gradient as float64 (zeros, of the engine's default type, for a scalar the loss does not read). */
    private static double[] gradient(NDArray leaf) {
        try (NDArray g = leaf.getGradient(); NDArray wide = g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
            return wide.toDoubleArray();
        }
    }
}
