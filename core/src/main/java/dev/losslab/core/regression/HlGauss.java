package dev.losslab.core.regression;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * HL-Gauss (paper 64, Farebrother et al., ICML 2024; Imani and White 2018): the target for y is
 * N(y, sigma²) truncated to the support and integrated over each bin,
 * p_i(y) = [Φ((z_{i+1} − y)/sigma) − Φ((z_i − y)/sigma)] / [Φ((z_m − y)/sigma) − Φ((z_0 − y)/sigma)],
 * computed with erf in float64 and a normaliser floored at 1e-12; y is clipped to [v_min, v_max]
 * (the Appendix code does not clip; far-outside targets would give 0/0). sigma = 0 selects the
 * paper's recommendation 0.75·ς (ς the bin width).
 */
public final class HlGauss extends CategoricalRegressionObjective {
    public static final Param SIGMA = Param.real("sigma", 0, Range.atLeast(0), "Gaussian width; 0 = 0.75·bin width");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("hl-gauss", Kind.LOSS, "regression")
            .papers(64).summary("HL-Gauss: cross-entropy to a Gaussian-smoothed histogram target (inputs logits [N, bins], targets [N])")
            .params(HistogramSupport.V_MIN, HistogramSupport.V_MAX, HistogramSupport.BINS, SIGMA)
            .build(p -> new HlGauss(new HistogramSupport(p.real(HistogramSupport.V_MIN), p.real(HistogramSupport.V_MAX), p.integer(HistogramSupport.BINS)),
                    p.real(SIGMA)));

    private final HistogramSupport support;
    private final double sigma;

    /** @param sigma Gaussian width &gt; 0, or 0 for 0.75·bin width */
    public HlGauss(HistogramSupport support, double sigma) {
        super(COMPONENT.name());
        SIGMA.check(sigma);
        this.support = support;
        this.sigma = sigma == 0 ? 0.75 * support.width() : sigma;
    }

    public double sigma() {
        return sigma;
    }

    @Override
    public double[] values() {
        return support.centres();
    }

    @Override
    public double vMin() {
        return support.vMin();
    }

    @Override
    public double vMax() {
        return support.vMax();
    }

    @Override
    protected NDArray targetDistribution(NDArray y) {
        int m = support.bins();
        NDArray edges = HostArrays.float64(y.getManager(), support.edges());
        NDArray cdf = Scalars.div(edges.expandDims(0).sub(y.expandDims(-1)), Math.sqrt(2) * sigma).erf();
        NDArray upper = cdf.get(":, 1:");
        NDArray lower = cdf.get(":, :" + m);
        NDArray norm = Scalars.max(cdf.get(":, " + m).sub(cdf.get(":, 0")), 1e-12);
        return upper.sub(lower).div(norm.expandDims(-1));
    }
}
