package dev.losslab.core.multilabel;

import static dev.losslab.core.InputNames.POS_WEIGHT;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Class-weighted binary cross-entropy for multi-label targets (paper 14's hybrid loss, its
 * class-weighting part; PyTorch's {@code pos_weight} convention):
 * ℓ_n = −(1/L) Σ_c [w_c·y_nc·log σ(o_nc) + (1 − y_nc)·log(1 − σ(o_nc))], with
 * log σ(o) = −softplus(−o) and log(1 − σ(o)) = −softplus(o). The per-label weights w come from the
 * optional input {@code pos_weight} [L] (e.g. {@link #positiveWeights}: n_neg/n_pos on the training
 * set) or else the scalar parameter. Uncertain (spec 14): the paper's exact weighting could not be
 * read; this is the spec's instantiation.
 */
public final class WeightedBce extends MultiLabelObjective {
    public static final Param POS_WEIGHT_PARAM = Param.real(POS_WEIGHT, 1, Range.atLeast(0),
            "positive-term weight for every label (input pos_weight [L] overrides)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("weighted-bce", Kind.LOSS, "multilabel")
            .papers(14).summary("class-weighted sigmoid BCE, mean over labels (inputs logits [N, L], targets [N, L])").params(POS_WEIGHT_PARAM)
            .build(p -> new WeightedBce(p.real(POS_WEIGHT_PARAM)));

    private final double posWeight;

    /** @param posWeight weight of the positive term for every label when no {@code pos_weight} input is given, ≥ 0 */
    public WeightedBce(double posWeight) {
        super(COMPONENT.name(), new InputSpec(POS_WEIGHT, "[L] per-label positive weights", false, true));
        this.posWeight = POS_WEIGHT_PARAM.check(posWeight);
    }

    /** w_c = n_neg,c / n_pos,c over the training targets [N][L] (1 where a label has no positive). */
    public static double[] positiveWeights(int[][] targets) {
        int labels = targets[0].length;
        double[] w = new double[labels];
        for (int c = 0; c < labels; c++) {
            int pos = 0;
            for (int[] row : targets) {
                pos += row[c];
            }
            w[c] = pos == 0 ? 1 : (double) (targets.length - pos) / pos;
        }
        return w;
    }

    @Override
    protected NDArray perSample(NDArray o, NDArray y, Inputs inputs) {
        return entries(o, y, weights(o, inputs)).mean(new int[] {-1});
    }

    /** The entry-wise loss [N, L]. */
    static NDArray entries(NDArray o, NDArray y, NDArray w) {
        NDArray pos = Tensors.softplus(o.neg()).mul(y);
        if (w != null) {
            pos = pos.mul(w);
        }
        return pos.add(Tensors.softplus(o).mul(y.neg().add(1)));
    }

    NDArray weights(NDArray o, Inputs inputs) {
        if (inputs.has(POS_WEIGHT)) {
            NDArray w = inputs.get(POS_WEIGHT);
            Checks.vector(POS_WEIGHT, w, o.getShape().get(1));
            Checks.finite(POS_WEIGHT, w);
            return w.toType(o.getDataType(), false);
        }
        return posWeight == 1 ? null : o.getManager().full(new ai.djl.ndarray.types.Shape(o.getShape().get(1)), (float) posWeight, o.getDataType());
    }
}
