package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
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

    protected SphericalLoss(String name) {
        super(name);
    }

    @Override
    protected final NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        NDArray q = o.mul(o).sum(new int[] {-1});
        NDArray s = o.sum(new int[] {-1});
        NDArray oc = Tensors.pick(o, labels);
        return value(o, q, s, oc, o.getShape().get(1));
    }

    /**
     * L(q, s, o_c) per sample.
     *
     * @param o the outputs [N, D] (for numerically better forms of q or s)
     * @param dim D, the number of outputs
     */
    protected abstract NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim);
}
