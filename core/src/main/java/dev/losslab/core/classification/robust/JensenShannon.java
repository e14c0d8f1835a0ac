package dev.losslab.core.classification.robust;

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
 * Generalized Jensen–Shannon loss (Englesson and Azizpour 2021) as in paper 09's official code,
 * with weights (π1, π2 = 1 − π1): m = π1·e_y + π2·p and
 * ℓ = Z·[π1·KL(e_y ‖ m) + π2·KL(p ‖ m)], Z = −1/((1 − π1)·log(1 − π1)), where
 * KL(d ‖ m) = Σ_{d_k&gt;0} d_k·(log max(d_k, 1e-7) − log clamp(m_k, 1e-7, 1)) (the code's clamps).
 * The label's terms are computed from u = 1 − p_y = σ(a), a = log Σ_{k≠y} e^{o_k} − o_y, and summed
 * by a series where they cancel, so confident samples keep full relative precision.
 */
public final class JensenShannon extends ClosedFormClassificationObjective {
    private static final double EPS = 1e-7;
    public static final Param PI1 = Param.real("pi1", 0.5, Range.open(0, 1), "weight of the label distribution");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("js", Kind.LOSS, "classification")
            .papers(9).summary("generalized Jensen–Shannon loss with weights (pi1, 1 − pi1)").params(PI1)
            .build(p -> new JensenShannon(p.real(PI1)));

    private final double pi1;

    /** @param pi1 weight of the label distribution, in (0, 1) */
    public JensenShannon(double pi1) {
        super(COMPONENT.name());
        this.pi1 = PI1.check(pi1);
    }

    /**
     * Value and closed-form gradient on one softmax. Off the label, π2·p_k·(log max(p_k, ε) −
     * log clamp(π2·p_k, ε, 1)) = π2·p_k·g(p_k) with g(p) = log(clamp(p, ε, ε/π2)/ε) (0 up to ε,
     * −log π2 from ε/π2 on), whose derivative is π2·(g(p) + [ε ≤ p ≤ ε/π2]); the label's share
     * L(u) has dL/du = π2·log(m_y/p_y) = π2·softplus(a + log π1) with a = log u − log p_y, and
     * du/do = p_y·(p − e_y).
     */
    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        double pi2 = 1 - pi1;
        double z = -1 / (pi2 * Math.log(pi2));
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray r = s.residual();
        double[] u = s.hostU();
        double[] logPy = s.hostLogPy();
        NDArray clipped = r.clip(EPS, EPS / pi2);
        NDArray band = clipped.eq(r);
        NDArray g = clipped.divi(Scalars.constant(r, EPS)).log();
        NDArray slope = r.mul(g);
        NDArray others = slope.sum(new int[] {1});
        slope.addi(NDArrays.where(band, r, Scalars.constant(r, 0)));
        double[] sums = HostArrays.toDoubles(NDArrays.stack(new NDList(others, slope.sum(new int[] {1}))));
        int n = u.length;
        double[] value = new double[n];
        double[] coefficient = new double[n];
        double[] labelGradient = new double[n];
        for (int i = 0; i < n; i++) {
            double py = Math.exp(logPy[i]);
            double labelSlope = softplus(Math.log(u[i]) - logPy[i] + Math.log(pi1)) * py;
            double slopeMass = sums[n + i];
            value[i] = z * (labelTerm(u[i], logPy[i], pi2) + pi2 * sums[i]);
            coefficient[i] = labelSlope - slopeMass;
            labelGradient[i] = -(u[i] * labelSlope + slopeMass * py) * z * pi2;
        }
        NDArray grad = r.muli(s.rows(coefficient).expandDims(1)).addi(slope).muli(Scalars.constant(r, z * pi2));
        grad.set(LabelSoftmax.atLabels(grad, labels), s.rows(labelGradient));
        return Tensors.withGradient(s.rows(value), logits, grad);
    }

    /**
     * The label's share π1·KL(e_y ‖ m)_y + π2·p_y·(log p_y − log m_y) = −m_y·log m_y + π2·p_y·log p_y
     * with m_y = 1 − π2·u; its terms cancel to π1π2u²/2 + π2(1 − π2²)u³/6 + O(u⁴), which is used for
     * u &lt; 1e-4.
     */
    private double labelTerm(double u, double logPy, double pi2) {
        if (u < 1e-4) {
            return pi1 * pi2 / 2 * u * u + pi2 * (1 - pi2 * pi2) / 6 * u * u * u;
        }
        double logMy = Math.log1p(Math.max(-pi2 * u, EPS - 1));
        return -(1 - pi2 * u) * logMy + pi2 * (1 - u) * logPy;
    }

    /** log(1 + e^x) to full relative precision. */
    private static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
