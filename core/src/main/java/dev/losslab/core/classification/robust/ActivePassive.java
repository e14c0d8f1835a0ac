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
 * Active–passive combinations of paper 09's baselines (Ma et al. 2020; Zhou et al. 2021), as in its
 * official code: ℓ = alpha·NCE + (10 − alpha)·X, with NCE = (−log p_y)/(−Σ_k log p_k) and X one of
 * <ul>
 *   <li>{@code nce-rce}: RCE = −Σ_k clamp(p_k, 1e-7, 1)·log clamp(e_{y,k}, 1e-4, 1) = −log(1e-4)·Σ_{k≠y} clamp(p_k, 1e-7, 1);
 *   <li>{@code nce-agce}: AGCE = ((a + 1)^q − (a + p_y)^q)/q (defaults a = 3, q = 1.5);
 *   <li>{@code nce-aul}: AUL = ((a − p_y)^q − (a − 1)^q)/q (defaults a = 6, q = 1.5).
 * </ul>
 * With u = 1 − p_y and −log p_y from {@link LabelSoftmax} (precise for confident samples), AGCE
 * is evaluated as −(a+1)^q·expm1(q·log1p(−u/(a+1)))/q and AUL as (a−1)^q·expm1(q·log1p(u/(a−1)))/q:
 * confident samples keep full relative precision.
 */
public final class ActivePassive extends ClosedFormClassificationObjective {
    /** The passive term. */
    public enum Passive {
        RCE,
        AGCE,
        AUL
    }

    public static final Param ALPHA = Param.real("alpha", 5, Range.closed(0, 10), "weight of NCE; the passive term gets 10 − alpha");
    public static final Param AGCE_A = Param.real("a", 3, Range.greaterThan(0), "AGCE a");
    public static final Param AGCE_Q = Param.real("q", 1.5, Range.greaterThan(0), "AGCE q");
    public static final Param AUL_A = Param.real("a", 6, Range.greaterThan(1), "AUL a");
    public static final Param AUL_Q = Param.real("q", 1.5, Range.greaterThan(0), "AUL q");

    @Registered
    public static final Component<Objective> NCE_RCE = Component.declare("nce-rce", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·RCE").params(ALPHA)
            .build(p -> new ActivePassive(Passive.RCE, p.real(ALPHA), 0, 1));

    @Registered
    public static final Component<Objective> NCE_AGCE = Component.declare("nce-agce", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·AGCE, AGCE = ((a+1)^q − (a+p_y)^q)/q").params(ALPHA, AGCE_A, AGCE_Q)
            .build(p -> new ActivePassive(Passive.AGCE, p.real(ALPHA), p.real(AGCE_A), p.real(AGCE_Q)));

    @Registered
    public static final Component<Objective> NCE_AUL = Component.declare("nce-aul", Kind.LOSS, "classification")
            .papers(9).summary("alpha·NCE + (10 − alpha)·AUL, AUL = ((a − p_y)^q − (a−1)^q)/q").params(ALPHA, AUL_A, AUL_Q)
            .build(p -> new ActivePassive(Passive.AUL, p.real(ALPHA), p.real(AUL_A), p.real(AUL_Q)));

    private static final double RCE_FLOOR = 1e-7;
    private static final double RCE_SCALE = -Math.log(1e-4);

    private final Passive passive;
    private final double alpha;
    private final double a;
    private final double q;

    /**
     * @param alpha weight of NCE in [0, 10]; the passive term gets 10 − alpha
     * @param a AGCE/AUL parameter (ignored for RCE); AUL needs a &gt; 1
     * @param q AGCE/AUL exponent &gt; 0 (ignored for RCE)
     */
    public ActivePassive(Passive passive, double alpha, double a, double q) {
        super(switch (passive) {
            case RCE -> NCE_RCE.name();
            case AGCE -> NCE_AGCE.name();
            case AUL -> NCE_AUL.name();
        });
        if (passive == Passive.AGCE) {
            AGCE_A.check(a);
            AGCE_Q.check(q);
        } else if (passive == Passive.AUL) {
            AUL_A.check(a);
            AUL_Q.check(q);
        }
        this.passive = passive;
        this.alpha = ALPHA.check(alpha);
        this.a = a;
        this.q = q;
    }

    /**
     * Value and closed-form gradient on one softmax, the per-sample algebra on the host: with
     * r = p − e_y, ℓ_CE = −log p_y and S = −Σ_k log p_k = K·(h_y + ℓ_CE) − Σ_k h_k,
     * ∂NCE/∂o = r/S − (ℓ_CE/S²)·(K·p − 1); ∂RCE/∂o_j = R·(m_j − p_j·Σ_k m_k) with m_k = p_k where
     * k ≠ y and p_k ≥ 1e-7 (else 0), R = −log 1e-4; and AGCE, AUL: ∂/∂o = (a ± p_y)^{q−1}·p_y·r.
     */
    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        long classes = logits.getShape().get(1);
        NDArray h = logits.stopGradient();
        LabelSoftmax s = LabelSoftmax.of(logits, labels);
        NDArray r = s.residual();
        double[] u = s.hostU();
        double[] logPy = s.hostLogPy();
        NDList rows = new NDList(h.gather(labels.expandDims(1), 1).squeeze(1), h.sum(new int[] {1}));
        NDArray kept = null;
        if (passive == Passive.RCE) {
            kept = NDArrays.where(r.gte(RCE_FLOOR), r, Scalars.constant(r, 0));
            rows.add(Scalars.max(r, RCE_FLOOR).sum(new int[] {1}));
            rows.add(kept.sum(new int[] {1}));
        }
        double[] stats = HostArrays.toDoubles(NDArrays.stack(rows));
        int n = u.length;
        double beta = 10 - alpha;
        double[] value = new double[n];
        double[] coefficient = new double[n];
        double[] offset = new double[n];
        double[] labelGradient = new double[n];
        for (int i = 0; i < n; i++) {
            double ce = -logPy[i];
            double total = classes * (stats[i] + ce) - stats[n + i];
            double nce = ce / total;
            double nceOverS = nce / total;
            double coef = alpha * (1 / total - classes * nceOverS);
            double labelOnly = -alpha * (classes - 1) * nceOverS;
            double passiveValue;
            switch (passive) {
                case RCE: {
                    double keptMass = beta * RCE_SCALE * stats[3 * n + i];
                    passiveValue = RCE_SCALE * (stats[2 * n + i] - RCE_FLOOR);
                    coef -= keptMass;
                    labelOnly -= keptMass;
                    break;
                }
                case AGCE:
                    passiveValue = -Math.pow(a + 1, q) * Math.expm1(q * Math.log1p(-u[i] / (a + 1))) / q;
                    coef += beta * Math.pow(a + 1 - u[i], q - 1) * Math.exp(logPy[i]);
                    break;
                default:
                    passiveValue = Math.pow(a - 1, q) * Math.expm1(q * Math.log1p(u[i] / (a - 1))) / q;
                    coef += beta * Math.pow(a - 1 + u[i], q - 1) * Math.exp(logPy[i]);
            }
            value[i] = alpha * nce + beta * passiveValue;
            coefficient[i] = coef;
            offset[i] = alpha * nceOverS;
            labelGradient[i] = -u[i] * coef + labelOnly;
        }
        NDArray grad = r.muli(s.rows(coefficient).expandDims(1)).addi(s.rows(offset).expandDims(1));
        if (kept != null) {
            grad.addi(kept.muli(Scalars.constant(kept, beta * RCE_SCALE)));
        }
        grad.set(LabelSoftmax.atLabels(grad, labels), s.rows(labelGradient));
        return Tensors.withGradient(s.rows(value), logits, grad);
    }
}
