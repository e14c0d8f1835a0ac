package dev.losslab.core.continual;

import static dev.losslab.core.InputNames.CLASS_WEIGHTS;
import static dev.losslab.core.InputNames.EMBEDDINGS;
import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.REPLAY_MASK;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.Map;

/**
 * UER's loss for online continual learning (paper 48, Lin et al. 2023, spec 48): a bias-free linear
 * classifier's dot-product logit splits as z_c = w_cᵀh = ‖w_c‖·‖h‖·cos θ_c. Incoming samples
 * ({@code replay_mask} = 0) learn from the angle factor only, CE(s·cos θ, y) with
 * cos θ_c = ŵ_cᵀĥ; samples replayed from the memory buffer ({@code replay_mask} = 1) learn from
 * both factors, CE(W h, y). The loss is the sum of the two batch means,
 * L = mean_new CE(s·cos θ) + mean_buf CE(W h); a batch with only one kind is that kind's mean.
 * Per-sample values are scaled (by N/n_new and N/n_buf) so that their mean is L. Inputs:
 * {@code embeddings} h [N, D] and {@code class_weights} W [C, D] (both trained), {@code labels},
 * {@code replay_mask} [N]. Normalisation is x/max(‖x‖, 1e-8), as {@code F.normalize}.
 *
 * <p>L_new is invariant to rescaling any w_c or h, so incoming data cannot grow new classes' weight
 * norms (⟨∂L_new/∂w_c, w_c⟩ = 0), the de-biasing mechanism. {@code current_logits = dot} gives the
 * "ER-sep" control (dot-product CE on both parts, separate means). Spec 48 marks the weighting (1:1),
 * the scale s and the absence of a cosine term on replayed samples as a reconstruction from the
 * abstract (the official repository has no code); this class follows the spec.
 */
public final class UerLoss extends AbstractObjective {
    public static final Param SCALE = Param.real("scale", 8.0, Range.greaterThan(0), "scale s of the incoming samples' cosine logits");
    public static final Param CURRENT_LOGITS = Param.choice("current_logits", "cosine", List.of("cosine", "dot"),
            "incoming samples' logits: cosine (UER) or dot (the ER-sep control)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("uer", Kind.LOSS, "continual")
            .papers(48).summary("UER: mean CE(s·cos θ) on incoming samples + mean CE(W h) on replayed ones")
            .params(SCALE, CURRENT_LOGITS)
            .build(p -> new UerLoss(p.real(SCALE), p.choice(CURRENT_LOGITS).equals("cosine")));

    private static final double EPS = 1e-8;
    private static final CrossEntropy CROSS_ENTROPY = new CrossEntropy();

    private final double scale;
    private final boolean cosine;

    public UerLoss(double scale, boolean cosine) {
        super(COMPONENT.name(), List.of(InputSpec.trained(EMBEDDINGS, "[N, D] features h"), InputSpec.trained(CLASS_WEIGHTS, "[C, D] classifier rows w_c"),
                InputSpec.target(LABELS, "[N] integers in [0, C)"), InputSpec.target(REPLAY_MASK, "[N] 1 = replayed from the buffer, 0 = incoming")));
        this.scale = SCALE.check(scale);
        this.cosine = cosine;
    }

    /** x/max(‖x‖, 1e-8) per row. */
    public static NDArray normalise(NDArray x) {
        return x.div(Scalars.max(x.norm(new int[] {1}, true), EPS));
    }

    /** s·cos θ [N, C]. */
    public static NDArray cosineLogits(NDArray h, NDArray w, double scale) {
        return Scalars.mul(normalise(h).matMul(normalise(w).transpose()), scale);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray h = inputs.get(EMBEDDINGS);
        Checks.matrix(EMBEDDINGS, h, 1);
        Checks.finite(EMBEDDINGS, h);
        NDArray w = inputs.get(CLASS_WEIGHTS);
        Checks.matrix(CLASS_WEIGHTS, w, 1);
        if (w.getShape().get(1) != h.getShape().get(1)) {
            throw new InvalidArgumentException(CLASS_WEIGHTS, "expected " + h.getShape().get(1) + " columns like " + EMBEDDINGS + ", got " + w.getShape());
        }
        Checks.finite(CLASS_WEIGHTS, w);
        w = w.getDataType() == h.getDataType() ? w : w.toType(h.getDataType(), false);
        long n = h.getShape().get(0);
        NDArray y = Checks.labels(LABELS, inputs.get(LABELS), n, w.getShape().get(0));
        NDArray mask = inputs.get(REPLAY_MASK);
        Checks.vector(REPLAY_MASK, mask, n);
        Checks.binary(REPLAY_MASK, mask);
        mask = mask.toType(h.getDataType(), false);
        double replayed = mask.sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        double incoming = n - replayed;
        NDArray dot = CROSS_ENTROPY.perSample(Inputs.of(Map.of(LOGITS, h.matMul(w.transpose()), LABELS, y)));
        NDArray current = cosine ? CROSS_ENTROPY.perSample(Inputs.of(Map.of(LOGITS, cosineLogits(h, w, scale), LABELS, y))) : dot;
        NDArray newPart = incoming == 0 ? null : Scalars.mul(current.mul(Scalars.add(mask.neg(), 1)), n / incoming);
        NDArray bufPart = replayed == 0 ? null : Scalars.mul(dot.mul(mask), n / replayed);
        return newPart == null ? bufPart : bufPart == null ? newPart : newPart.add(bufPart);
    }
}
