package dev.losslab.core.classification.robust;

import static dev.losslab.core.InputNames.SAMPLE_IDS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Checks;
import dev.losslab.core.HostArrays;
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
import java.util.HashMap;
import java.util.Map;

/**
 * ALDR-KL, the adaptive LDR-KL loss with a per-example temperature λ_i (paper 09, Zhu, Ying and
 * Yang, ICML 2023), in the form of the official code ({@code ALDRLoss_V1}). For each example,
 * with s = {@code normalize}(o) and K classes:
 * <ol>
 *   <li>p = softmax(s/λ_i^old) + 1e-5, renormalised; KL_i = Σ_k p_k log(K p_k);
 *   <li>λ_i = λ0 − λ0·KL_i/(alpha·log K) (stored; no gradient) — the maximiser over λ of
 *       −λ·KL − (alpha·log K/(2λ0))(λ − λ0)²;
 *   <li>ℓ_i = λ_i·log((1/K) Σ_k exp((δ_k + s_k − s_y)/λ_i)) − (alpha·log K/(2λ0))(λ_i − λ0)².
 * </ol>
 *
 * <p><b>Stateful.</b> λ_i is kept between calls per training example, keyed by the optional
 * {@code sample_ids} input; without it every λ^old is λ0 and nothing is stored. Uncertain (spec
 * 09): the penalty's constant is inferred from the official code, and step 1 uses s/λ without the
 * margin, as the code does. Default {@code normalize} is the code's {@code l1-mean}.
 */
public final class AldrKl extends ClassificationObjective {
    public static final Param LAMBDA0 = Param.real("lambda0", 10, Range.greaterThan(0), "initial and reference temperature λ0");
    public static final Param ALPHA = Param.real("alpha", 2, Range.greaterThan(1), "strength of the (λ − λ0)² penalty");
    public static final Param NORMALIZE = ScoreNormalization.param(ScoreNormalization.L1_MEAN,
            "score normalisation: l1-mean (official code), softplus-mean or none");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("aldr-kl", Kind.LOSS, "classification")
            .papers(9).summary("adaptive LDR-KL with a per-example temperature λ_i kept between calls (input sample_ids); values go negative near the optimum")
            .params(LAMBDA0, ALPHA, LdrKl.MARGIN, NORMALIZE)
            .build(p -> new AldrKl(p.real(LAMBDA0), p.real(ALPHA), p.real(LdrKl.MARGIN), ScoreNormalization.fromLabel(p.choice(NORMALIZE))));

    private final double lambda0;
    private final double alpha;
    private final double margin;
    private final ScoreNormalization normalize;
    private final Map<Long, Double> lambdas = new HashMap<>();

    /**
     * @param lambda0 initial and reference temperature λ0 &gt; 0
     * @param alpha penalty strength, &gt; 1 so that λ_i stays ≥ λ0(1 − 1/alpha) &gt; 0
     * @param margin c ≥ 0
     */
    public AldrKl(double lambda0, double alpha, double margin, ScoreNormalization normalize) {
        super(COMPONENT.name(), new InputSpec(SAMPLE_IDS, "[N] training-example ids", false, true));
        this.lambda0 = LAMBDA0.check(lambda0);
        this.alpha = ALPHA.check(alpha);
        this.margin = LdrKl.MARGIN.check(margin);
        this.normalize = normalize;
    }

    /** The stored λ_i of an example (λ0 if never seen). */
    public double lambda(long sampleId) {
        return lambdas.getOrDefault(sampleId, lambda0);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        int n = (int) logits.getShape().get(0);
        long[] ids = null;
        if (inputs.has(SAMPLE_IDS)) {
            ids = Checks.integers(SAMPLE_IDS, inputs.get(SAMPLE_IDS), n).toLongArray();
        }
        double[] old = new double[n];
        for (int i = 0; i < n; i++) {
            old[i] = ids == null ? lambda0 : lambda(ids[i]);
        }
        ScoreNormalization.Scores scores = normalize.scores(logits);
        NDArray sd = scores.s();
        long k = sd.getShape().get(1);
        NDArray lamOld = HostArrays.float64(sd.getManager(), old).toType(sd.getDataType(), false).expandDims(-1);
        NDArray p = sd.div(lamOld).softmax(-1).add(1e-5);
        p = p.div(p.sum(new int[] {-1}, true));
        double[] kl = p.mul(Scalars.mul(p, k).log()).sum(new int[] {-1}).toType(DataType.FLOAT64, false).toDoubleArray();
        double logK = Math.log(k);
        double[] lam = new double[n];
        double[] penalty = new double[n];
        for (int i = 0; i < n; i++) {
            lam[i] = lambda0 - lambda0 * kl[i] / (alpha * logK);
            penalty[i] = alpha * logK / (2 * lambda0) * (lam[i] - lambda0) * (lam[i] - lambda0);
            if (ids != null) {
                lambdas.put(ids[i], lam[i]);
            }
        }
        NDArray lamNew = HostArrays.float64(sd.getManager(), lam).toType(sd.getDataType(), false);
        double[] inverse = new double[n];
        for (int i = 0; i < n; i++) {
            inverse[i] = 1 / lam[i];
        }
        NDArray invLam = HostArrays.float64(sd.getManager(), inverse).toType(sd.getDataType(), false).expandDims(-1);
        LabelSoftmax q = LabelSoftmax.of(LdrKl.shiftedScores(sd, labels, invLam, margin), labels);
        NDArray ldr = Scalars.add(q.logPy(), logK).neg().mul(lamNew);
        NDArray value = ldr.sub(HostArrays.float64(sd.getManager(), penalty).toType(sd.getDataType(), false));
        return Tensors.withGradient(value, logits, normalize.backward(logits, scores, q.residual()));
    }
}
