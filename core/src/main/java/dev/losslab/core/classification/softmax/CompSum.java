package dev.losslab.core.classification.softmax;

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
 * The τ-family of comp-sum losses (paper 04, Mao, Mohri and Zhong, ICML 2023, eq. of Φ^τ):
 * ℓ^τ = (p_y^{τ−1} − 1)/(1 − τ) for τ ≠ 1 and ℓ^1 = −log p_y, with p = softmax(h).
 *
 * <p>Presets: τ = 0 sum-exponential Σ_{k≠y} e^{h_k − h_y}; τ = 1 cross-entropy; τ = 1 + q
 * generalized cross-entropy (1 − p_y^q)/q; τ = 2 MAE 1 − p_y. GCE and MAE are also baselines of
 * paper 09.
 *
 * <p>Computed from {@link dev.losslab.core.LabelSoftmax}'s log p_y (log1p(−u) with u = Σ_{k≠y} p_k
 * for confident samples) as expm1((τ−1)·log p_y)/(1 − τ), with the closed-form gradient
 * ∂ℓ/∂h = p_y^{τ−1}·(p − e_y) whose label entry p_y − 1 = −u: confident samples keep full
 * relative precision in value and gradient. The τ = 1 branch is used when |τ − 1| &lt; 1e-12.
 * For τ &lt; 1 the true loss is unbounded as p_y → 0; here the exponent (τ−1)·log p_y is
 * capped at {@value #EXPONENT_CAP}, so value and gradient saturate (at about 5e21/(1−τ)) rather
 * than overflow. This cap is a LossLab choice, not part of the paper.
 */
public final class CompSum extends ClosedFormClassificationObjective {
    /** Largest exponent (τ−1)·log p_y evaluated; e^50 ≈ 5.2e21 is finite in float32. */
    public static final double EXPONENT_CAP = 50;

    public static final Param TAU = Param.real("tau", 1, Range.atLeast(0), "τ: 0 sum-exponential, 1 CE, 1+q GCE, 2 MAE");
    public static final Param Q = Param.real("q", 0.7, new Range(0, true, 1, false), "exponent q");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("comp-sum", Kind.LOSS, "classification")
            .papers(4).summary("comp-sum τ-family (p_y^(τ−1) − 1)/(1 − τ); τ=1 is cross-entropy").params(TAU)
            .build(p -> new CompSum(p.real(TAU)));

    /** τ = 0. */
    @Registered
    public static final Component<Objective> SUM_EXPONENTIAL = Component.declare("sum-exponential", Kind.LOSS, "classification")
            .papers(4).summary("Σ_{k≠y} exp(h_k − h_y) = 1/p_y − 1 (comp-sum τ=0)")
            .build(p -> sumExponential());

    /** τ = 1 + q. */
    @Registered
    public static final Component<Objective> GCE = Component.declare("gce", Kind.LOSS, "classification")
            .papers(4, 9).summary("generalized cross-entropy (1 − p_y^q)/q (comp-sum τ=1+q)").params(Q)
            .build(p -> gce(p.real(Q)));

    /** τ = 2. */
    @Registered
    public static final Component<Objective> MAE = Component.declare("mae", Kind.LOSS, "classification")
            .papers(4, 9).summary("mean absolute error 1 − p_y (comp-sum τ=2)")
            .build(p -> mae());

    private final double tau;

    /** @param tau τ ≥ 0 */
    public CompSum(double tau) {
        this(COMPONENT.name(), tau);
    }

    private CompSum(String name, double tau) {
        super(name);
        this.tau = TAU.check(tau);
    }

    /** The sum-exponential loss, τ = 0. */
    public static CompSum sumExponential() {
        return new CompSum(SUM_EXPONENTIAL.name(), 0);
    }

    /** Generalized cross-entropy, τ = 1 + q with q in (0, 1]. */
    public static CompSum gce(double q) {
        return new CompSum(GCE.name(), 1 + Q.check(q));
    }

    /** Mean absolute error 1 − p_y, τ = 2. */
    public static CompSum mae() {
        return new CompSum(MAE.name(), 2);
    }

    public double tau() {
        return tau;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        return values(logits, labels, tau);
    }

    /**
     * ℓ^τ per sample with its closed-form gradient, for logits [N, C] and INT64 labels [N] already
     * validated (as {@link ClosedFormClassificationObjective} does); shared with losses built on it.
     */
    public static NDArray values(NDArray logits, NDArray labels, double tau) {
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        if (Math.abs(tau - 1) < 1e-12) {
            return Tensors.withGradient(s.crossEntropy(), logits, s.residual());
        }
        double[] logPy = s.hostLogPy();
        double[] value = new double[logPy.length];
        double[] weight = new double[logPy.length];
        for (int i = 0; i < logPy.length; i++) {
            double x = Math.min((tau - 1) * logPy[i], EXPONENT_CAP);
            value[i] = Math.expm1(x) / (1 - tau);
            weight[i] = Math.exp(x);
        }
        return Tensors.withGradient(s.rows(value), logits, s.residual(), s.rows(weight));
    }
}
