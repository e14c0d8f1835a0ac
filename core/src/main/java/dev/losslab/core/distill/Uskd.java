package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.AUX_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Arrays;
import java.util.List;

/**
 * Universal self-knowledge distillation (USKD; paper 37, spec 37, the official {@code uskd.py}):
 * teacher-free soft labels. With log p = log softmax(z_s), s_y = p_y and v = s_y² + 1 − mean_batch(s_y²)
 * (constant): target term −v·log p_y; a weak head's logits w ({@code aux_logits}, on a mid-level
 * feature, trained) learn the label-smoothed target u = 0.9·onehot + 0.1/C, term −μ·Σ u·log softmax(w);
 * the non-target soft labels rank the classes by r = softmax(w)/(1 − softmax(w)_y + 1e-6) +
 * log p/(1 − log p_y + 1e-6) (log-probabilities in the second term, as the code has it; a stable
 * descending sort, ties to the lower class), give the class at position k the Zipf weight 1/(k + 1),
 * drop the label class and renormalise (constant), term −Σ_{i≠y} nz_i·log softmax(z_s,≠y)_i.
 * ℓ = α·target + β·non-target + weak; the distiller adds the cross-entropy. Defaults α = 1, β = 0.1,
 * μ = 0.005 (the official ImageNet setting).
 */
public final class Uskd extends DistillationLoss {
    public static final Param ALPHA = Param.real("alpha", 1.0, Range.atLeast(0), "weight α of the target term");
    public static final Param BETA = Param.real("beta", 0.1, Range.atLeast(0), "weight β of the Zipf non-target term");
    public static final Param MU = Param.real("mu", 0.005, Range.atLeast(0), "weight μ of the weak head's smoothed cross-entropy");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("uskd", Kind.LOSS, "distill")
            .papers(37).summary("USKD teacher-free: batch-normalised target soft label, Zipf non-target soft labels, weak head (aux_logits)")
            .params(ALPHA, BETA, MU)
            .build(p -> new Uskd(p.real(ALPHA), p.real(BETA), p.real(MU)));

    private final double alpha;
    private final double beta;
    private final double mu;

    public Uskd(double alpha, double beta, double mu) {
        super(COMPONENT.name(), List.of(STUDENT, LABEL, InputSpec.trained(AUX_LOGITS, "[N, C] weak head logits on a mid-level feature")));
        this.alpha = ALPHA.check(alpha);
        this.beta = BETA.check(beta);
        this.mu = MU.check(mu);
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray zs = l.student();
        NDArray y = l.labels();
        NDArray w = auxLogits(l);
        long c = zs.getShape().get(1);
        NDArray logP = logSoftmax(zs, 1);
        NDArray logPy = Tensors.pick(logP, y);
        NDArray sq = logPy.stopGradient().exp();
        sq = sq.mul(sq);
        NDArray v = Scalars.add(sq.sub(sq.mean()), 1);
        NDArray target = v.mul(logPy).neg();
        NDArray logW = w.logSoftmax(1);
        NDArray smooth = Scalars.add(Scalars.mul(Tensors.oneHot(y, c, logW), 0.9), 0.1 / c);
        NDArray weak = Scalars.mul(smooth.mul(logW).sum(new int[] {1}), -mu);
        NDArray nz = zipfLabels(logW.stopGradient().exp(), logP.stopGradient(), y);
        NDArray nonTarget = nz.mul(logSoftmax(nonTarget(zs, y), 1)).sum(new int[] {1}).neg();
        return Scalars.mul(target, alpha).add(Scalars.mul(nonTarget, beta)).add(weak);
    }

    /** The renormalised Zipf weights of the non-target classes [N, C − 1], from the official ranking score (host computation). */
    private static NDArray zipfLabels(NDArray pw, NDArray logP, NDArray y) {
        int n = (int) pw.getShape().get(0);
        int c = (int) pw.getShape().get(1);
        double[] a = pw.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        double[] b = logP.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        long[] labels = y.toLongArray();
        double[][] out = new double[n][c - 1];
        for (int i = 0; i < n; i++) {
            int label = (int) labels[i];
            double[] r = new double[c];
            for (int k = 0; k < c; k++) {
                r[k] = a[i * c + k] / (1 - a[i * c + label] + 1e-6) + b[i * c + k] / (1 - b[i * c + label] + 1e-6);
            }
            Integer[] order = new Integer[c];
            for (int k = 0; k < c; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (p, q) -> Double.compare(r[q], r[p]));
            double[] weight = new double[c];
            for (int pos = 0; pos < c; pos++) {
                weight[order[pos]] = 1.0 / (pos + 1);
            }
            double total = 0;
            for (int k = 0; k < c; k++) {
                total += k == label ? 0 : weight[k];
            }
            int j = 0;
            for (int k = 0; k < c; k++) {
                if (k != label) {
                    out[i][j++] = weight[k] / total;
                }
            }
        }
        // PyTorch-owned memory: autograd keeps this constant for backward
        NDArray labelsOut = dev.losslab.core.HostArrays.float64(pw.getManager(), out);
        return labelsOut.getDataType() == logP.getDataType() ? labelsOut : labelsOut.toType(logP.getDataType(), false);
    }
}
