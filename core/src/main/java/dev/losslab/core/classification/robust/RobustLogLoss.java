package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.HostArrays;
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
import java.util.Arrays;

/**
 * The robust log loss (RLL) exactly as paper 09's official code computes it:
 * ℓ = −log(α + p_y) + (1/(K−1))·log Σ_k (exp(u_k) + α), with u_k = [k ≠ y]·o_k − Σ_j o_j.
 *
 * <p>This form is what produced the paper's baseline numbers. It is not a function of the
 * probabilities alone: adding a constant to every logit changes it (spec 09, second reading). The
 * published RLL (Kumar and Sastry 2018) is shift-invariant; it is not substituted here. The second
 * term is evaluated as log(Σ_k e^{u_k} + Kα) with a max shift, finite for any logits.
 */
public final class RobustLogLoss extends ClassificationObjective {
    public static final Param ALPHA = Param.real("alpha", 1, Range.greaterThan(0), "α");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("rll", Kind.LOSS, "classification")
            .papers(9).summary("robust log loss, official-code form (not shift-invariant)").params(ALPHA)
            .build(p -> new RobustLogLoss(p.real(ALPHA)));

    private final double alpha;

    /** @param alpha α &gt; 0 */
    public RobustLogLoss(double alpha) {
        super(COMPONENT.name());
        this.alpha = ALPHA.check(alpha);
    }

    /**
     * Value and closed-form gradient: with p the softmax, r = p − e_y and w_k = e^{u_k}/(Σ_j e^{u_j} + Kα),
     * ∂ℓ/∂o_j = p_y/(α + p_y)·r_j + ([j ≠ y]·w_j − Σ_k w_k)/(K − 1). Since e^{u_k} = p_k·e^{lse − Σ_j o_j}
     * for k ≠ y (lse the log-sum-exp of the row) and e^{u_y} = e^{−Σ_j o_j}, the second term needs
     * only u = 1 − p_y and row statistics; where some u is below 1e-300 (1e-30 in float32) its
     * logarithm would lose the off-label terms, and the batch is computed entry by entry instead.
     */
    @Override
    protected NDArray perSample(NDArray o, NDArray labels, Inputs inputs) {
        long k = o.getShape().get(1);
        NDArray h = o.stopGradient();
        LabelSoftmax s = LabelSoftmax.of(o, labels);
        double[] u = s.hostU();
        double[] logPy = s.hostLogPy();
        int n = u.length;
        double logKAlpha = Math.log(k * alpha);
        double floor = LabelSoftmax.floor(h.getDataType());
        double[] tail = new double[n];
        double[] firstTerm = new double[n];
        for (int i = 0; i < n; i++) {
            double py = Math.exp(logPy[i]);
            firstTerm[i] = py / (py + alpha);
        }
        NDArray grad;
        if (Arrays.stream(u).min().orElse(0) >= floor) {
            double[] stats = HostArrays.toDoubles(NDArrays.stack(new NDList(h.gather(labels.expandDims(1), 1).squeeze(1), h.sum(new int[] {1}))));
            double[] coefficient = new double[n];
            double[] total = new double[n];
            double[] labelGradient = new double[n];
            for (int i = 0; i < n; i++) {
                double offLabel = stats[i] - logPy[i] - stats[n + i];
                double atLabel = -stats[n + i];
                double logOffLabel = offLabel + Math.log(u[i]);
                double m = Math.max(Math.max(logOffLabel, atLabel), logKAlpha);
                tail[i] = m + Math.log(Math.exp(logOffLabel - m) + Math.exp(atLabel - m) + Math.exp(logKAlpha - m));
                double gamma = Math.exp(offLabel - tail[i]);
                total[i] = (gamma * u[i] + Math.exp(atLabel - tail[i])) / (k - 1);
                coefficient[i] = firstTerm[i] + gamma / (k - 1);
                labelGradient[i] = -u[i] * firstTerm[i] - total[i];
            }
            grad = s.residual().muli(s.rows(coefficient).expandDims(1)).subi(s.rows(total).expandDims(1));
            grad.set(LabelSoftmax.atLabels(grad, labels), s.rows(labelGradient));
        } else {
            NDIndex atLabels = LabelSoftmax.atLabels(h, labels);
            NDArray rowSum = h.sum(new int[] {1});
            NDArray shifted = h.sub(rowSum.expandDims(1));
            shifted.set(atLabels, rowSum.neg());
            NDArray m = Scalars.max(shifted.max(new int[] {1}, true), logKAlpha);
            NDArray w = shifted.subi(m).exp();
            NDArray z = w.sum(new int[] {1}, true).add(m.neg().add(Scalars.constant(m, logKAlpha)).exp());
            tail = HostArrays.toDoubles(z.log().add(m).squeeze(1));
            w.divi(z);
            NDArray total = w.sum(new int[] {1}, true);
            w.set(atLabels, rowSum.zerosLike());
            grad = w.subi(total).divi(Scalars.constant(w, k - 1)).addi(s.residual().muli(s.rows(firstTerm).expandDims(1)));
        }
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = -Math.log(Math.exp(logPy[i]) + alpha) + tail[i] / (k - 1);
        }
        return Tensors.withGradient(s.rows(value), o, grad);
    }
}
