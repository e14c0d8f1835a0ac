package dev.losslab.core.classification.spherical;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * The Z-loss (paper 02, de Brébisson and Vincent 2016): with μ = s/D, σ² = q/D − μ² (population
 * variance) and z_c = (o_c − μ)/σ, L = (1/a)·softplus(a·(b − z_c)).
 *
 * <p>Invariant to o → α·o + β (α &gt; 0). σ² is evaluated as mean_k (o_k − μ)² (the same quantity,
 * without cancellation) and σ = sqrt(σ² + 1e-24), which keeps a constant row finite (z_c = 0) the
 * way the official code's σ + 1e-12 does. Official example defaults: a = 1, b = 0.
 */
public final class ZLoss extends SphericalLoss {
    public static final Param A = Param.real("a", 1, Range.greaterThan(0), "sharpness");
    public static final Param B = Param.real("b", 0, Range.ANY, "offset");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("z-loss", Kind.LOSS, "classification")
            .papers(2).summary("Z-loss (1/a)·softplus(a·(b − z_c)), z_c the standardised target output").params(A, B)
            .build(p -> new ZLoss(p.real(A), p.real(B)));

    private final double a;
    private final double b;

    /**
     * @param a sharpness &gt; 0 (large a approaches the hinge max(0, b − z_c))
     * @param b offset; z_c ≤ sqrt(D − 1), so b should stay below that
     */
    public ZLoss(double a, double b) {
        super(COMPONENT.name());
        this.a = A.check(a);
        this.b = B.check(b);
    }

    @Override
    protected NDArray value(NDArray o, NDArray q, NDArray s, NDArray oc, long dim) {
        NDArray mu = Scalars.div(s, dim);
        NDArray centred = o.sub(mu.expandDims(-1));
        NDArray sigma = centred.mul(centred).mean(new int[] {-1}).add(1e-24).sqrt();
        return fromStandardised(oc.sub(mu).div(sigma));
    }

    /** σ² = q/D − μ² (clamped at 0 against rounding), for the factored layer, which has no o. */
    @Override
    protected NDArray valueOfScalars(NDArray q, NDArray s, NDArray oc, long dim) {
        NDArray mu = Scalars.div(s, dim);
        NDArray sigma = Scalars.max(Scalars.div(q, dim).sub(mu.mul(mu)), 0).add(1e-24).sqrt();
        return fromStandardised(oc.sub(mu).div(sigma));
    }

    private NDArray fromStandardised(NDArray z) {
        return Scalars.div(Tensors.softplus(Scalars.mul(z.neg().add(b), a)), a);
    }
}
