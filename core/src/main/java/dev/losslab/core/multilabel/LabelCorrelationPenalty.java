package dev.losslab.core.multilabel;

import static dev.losslab.core.InputNames.CORRELATION;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;

/**
 * The label-correlation penalty of paper 14's hybrid loss, as spec 14 instantiates it (the paper's
 * formula could not be read): with C⁺ = max(C, 0) and zero diagonal, C the Pearson correlation of
 * the training label columns ({@link #positiveCorrelation}), and P = σ(O),
 * ℓ_n = (1/ΣC⁺) Σ_{i,j} C⁺_ij·(P_ni − P_nj)², pulling the predicted probabilities of positively
 * correlated labels together. The matrix is the required input {@code correlation} [L, L]; if
 * ΣC⁺ = 0 the penalty is 0.
 */
public final class LabelCorrelationPenalty extends MultiLabelObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("label-correlation", Kind.LOSS, "multilabel")
            .papers(14).summary("penalty Σ C⁺_ij (σ(o_i) − σ(o_j))² / ΣC⁺ (inputs logits, targets, correlation [L, L])")
            .build(p -> new LabelCorrelationPenalty());

    public LabelCorrelationPenalty() {
        super(COMPONENT.name(), InputSpec.target(CORRELATION, "[L, L] C⁺ (non-negative, zero diagonal)"));
    }

    /**
     * C⁺ from training targets [N][L]: Pearson correlation of the label columns, NaN (constant
     * column) → 0, negatives → 0, diagonal → 0.
     */
    public static double[][] positiveCorrelation(int[][] targets) {
        int n = targets.length;
        int l = targets[0].length;
        double[] mean = new double[l];
        for (int[] row : targets) {
            for (int c = 0; c < l; c++) {
                mean[c] += row[c] / (double) n;
            }
        }
        double[][] cov = new double[l][l];
        for (int[] row : targets) {
            for (int i = 0; i < l; i++) {
                for (int j = 0; j < l; j++) {
                    cov[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]);
                }
            }
        }
        double[][] c = new double[l][l];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < l; j++) {
                double denom = Math.sqrt(cov[i][i] * cov[j][j]);
                double r = denom > 0 ? cov[i][j] / denom : 0;
                c[i][j] = i == j ? 0 : Math.max(r, 0);
            }
        }
        return c;
    }

    @Override
    protected NDArray perSample(NDArray o, NDArray y, Inputs inputs) {
        return penalty(o, correlation(o, inputs));
    }

    static NDArray correlation(NDArray o, Inputs inputs) {
        NDArray c = inputs.get(CORRELATION);
        long l = o.getShape().get(1);
        if (c.getShape().dimension() != 2 || c.getShape().get(0) != l || c.getShape().get(1) != l) {
            throw new InvalidArgumentException(CORRELATION, "expected shape [" + l + ", " + l + "], got " + c.getShape());
        }
        dev.losslab.core.Checks.finite(CORRELATION, c);
        return c.toType(o.getDataType(), false);
    }

    /** (1/ΣC⁺) Σ_{i,j} C⁺_ij (P_ni − P_nj)² per sample, 0 when ΣC⁺ = 0. */
    static NDArray penalty(NDArray o, NDArray c) {
        double total = c.sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        NDArray p = ai.djl.nn.Activation.sigmoid(o);
        NDArray diff = p.expandDims(2).sub(p.expandDims(1));
        NDArray weighted = diff.mul(diff).mul(c.expandDims(0)).sum(new int[] {1, 2});
        return total > 0 ? Scalars.div(weighted, total) : Scalars.mul(weighted, 0);
    }
}
