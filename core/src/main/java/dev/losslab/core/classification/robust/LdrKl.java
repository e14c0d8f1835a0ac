package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
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
 * LDR-KL, the label-distributionally-robust loss with a KL regulariser (paper 09, Zhu, Ying and
 * Yang, ICML 2023, closed form of ψ_λ with R(p) = KL(p ‖ uniform)):
 * ψ_λ(s, y) = λ · log((1/K) Σ_k exp((δ_k + s_k − s_y)/λ)), with δ_k = margin·[k ≠ y].
 *
 * <p>s = {@code normalize}(o) from the raw outputs o. Default {@code softplus-mean}: the official
 * code's s = softplus(o)/mean_k softplus(o), which produced the paper's numbers and which our
 * digits reproduction shows matters under label noise; {@code none} is the paper's formula on
 * raw scores. Gradient w.r.t. s: softmax((δ + s − s_y)/λ) − e_y, attached in closed form
 * ({@link LabelSoftmax} on z = (δ + s − s_y)/λ, whose label entry is 0, so ψ_λ = −λ·(log
 * softmax(z)_y + log K)), then through the normalisation in closed form
 * ({@link ScoreNormalization#backward}).
 *
 * <p>Limits (normalize = none): λ → 0 gives Crammer–Singer max_k(δ_k + s_k − s_y); λ → ∞ the mean
 * (1/K) Σ_k(δ_k + s_k − s_y); λ = 1, margin = 0 gives cross-entropy − log K.
 */
public final class LdrKl extends ClassificationObjective {
    public static final Param LAMBDA = Param.real("lambda", 10, Range.greaterThan(0), "KL regularisation weight λ");
    /** The margin c of LDR-KL and ALDR-KL. */
    public static final Param MARGIN = Param.real("margin", 0.1, Range.atLeast(0), "margin c added to every k ≠ y");
    public static final Param NORMALIZE = ScoreNormalization.param(ScoreNormalization.SOFTPLUS_MEAN,
            "score normalisation: none (paper) or softplus-mean (official code)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("ldr-kl", Kind.LOSS, "classification")
            .papers(9).summary("label-distributionally-robust loss λ·log mean_k exp((δ_k + s_k − s_y)/λ); values go negative (down to −λ·log C) near the optimum")
            .params(LAMBDA, MARGIN, NORMALIZE)
            .build(p -> new LdrKl(p.real(LAMBDA), p.real(MARGIN), ScoreNormalization.fromLabel(p.choice(NORMALIZE))));

    private final double lambda;
    private final double margin;
    private final ScoreNormalization normalize;

    /**
     * @param lambda KL weight λ &gt; 0
     * @param margin c ≥ 0
     * @param normalize score normalisation of the raw outputs
     */
    public LdrKl(double lambda, double margin, ScoreNormalization normalize) {
        super(COMPONENT.name());
        this.lambda = LAMBDA.check(lambda);
        this.margin = MARGIN.check(margin);
        this.normalize = normalize;
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        ScoreNormalization.Scores scores = normalize.scores(logits);
        LabelSoftmax q = LabelSoftmax.of(shiftedScores(scores.s(), labels, Scalars.constant(logits, 1 / lambda), margin), labels);
        NDArray value = Scalars.mul(Scalars.add(q.logPy(), Math.log(logits.getShape().get(1))).neg(), lambda);
        return Tensors.withGradient(value, logits, normalize.backward(logits, scores, q.residual()));
    }

    /**
     * z = (δ + s − s_y)·invLambda [N, C] from scores s (not changed), with z_y = 0: then
     * ψ_λ = −λ·(log softmax(z)_y + log K) and ∂ψ_λ/∂s = softmax(z) − e_y, the residual of
     * {@link LabelSoftmax} on z. {@code invLambda} is 1/λ, a scalar or a column [N, 1].
     */
    static NDArray shiftedScores(NDArray s, NDArray labels, NDArray invLambda, double margin) {
        NDArray z = s.sub(s.gather(labels.expandDims(1), 1));
        z.addi(Scalars.constant(z, margin)).muli(invLambda);
        z.set(LabelSoftmax.atLabels(z, labels), labels.zerosLike().toType(z.getDataType(), false));
        return z;
    }
}
