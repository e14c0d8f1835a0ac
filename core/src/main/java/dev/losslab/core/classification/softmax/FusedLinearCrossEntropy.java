package dev.losslab.core.classification.softmax;

import static dev.losslab.core.InputNames.EMBEDDINGS;
import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.OUTPUT_BIAS;
import static dev.losslab.core.InputNames.OUTPUT_WEIGHTS;
import static dev.losslab.core.InputNames.WEIGHTS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-entropy of a linear output layer over a large vocabulary without the N × V logits:
 * ℓ_i = −log softmax(W h_i + b)_{y_i} for hidden states h [N, d], output weights W [V, d] and an
 * optional bias b [V] (0 when absent), computed
 * {@code chunk} rows of W at a time (the approach of Liger Kernel's fused linear cross-entropy and
 * Apple's Cut Cross-Entropy). Pass 1 keeps, per sample, an online log-sum-exp (running max m and
 * sums rescaled by e^{m_old − m_new}), the label logit, and u = Σ_{v≠y} p_v from the sums with the
 * label entries zeroed; pass 2 recomputes each chunk's logits, forms p − e_y with its label entry
 * −u (precise for confident samples), and accumulates ∂ℓ_i/∂h_i = Σ_v (p − e_y)_v W_v and
 * D = Σ_i c_i (p_i − e_{y_i}) h_iᵀ and δ = Σ_i c_i (p_i − e_{y_i}), c_i = w_i / Σ_j w_j (the
 * {@code weights} input, else 1/N).
 * Peak extra memory: a few [N, chunk] arrays, plus the gradients [N, d] and [V, d] themselves.
 *
 * <p><b>How the gradient enters the autograd graph.</b> The per-sample values are
 * ℓ_i + (Σ_k h_ik·sg(∂ℓ_i/∂h_ik) − sg(·)) + (⟨W, sg(D)⟩ + ⟨b, sg(δ)⟩ − sg(·)), sg = stop-gradient:
 * zero added value, exact per-sample gradients for h, and for W and b the gradient of any reduction
 * Σ_i a·w_i·ℓ_i with one constant a (the batch mean, weighted or not, and the sum): such a
 * reduction gives a·Σ_j w_j·D = a·Σ_i w_i (p_i − e_{y_i}) h_iᵀ. A reduction that weights samples
 * by anything other than the {@code weights} input (a reweighter fed after the losses) gets the
 * wrong W gradient: pass its weights as this objective's input. Value as {@code cross-entropy}:
 * −log p_y = softplus(log u − log p_y) where u &lt; ½, else lse − z_y. With W and b a DJL
 * {@code Linear} layer's weight and bias, this is that layer followed by {@code cross-entropy}
 * (in {@code losslab train}, the model's output layer hands its input on in training and the loss
 * reads its parameters).
 */
public final class FusedLinearCrossEntropy extends AbstractObjective {
    public static final Param CHUNK = Param.integer("chunk", 1024, Range.atLeast(1), "rows of W (vocabulary entries) per chunk");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("fused-linear-cross-entropy", Kind.LOSS, "classification")
            .summary("cross-entropy of softmax(W·h) computed over vocabulary chunks without the N × V logits; gradients for h, W and the optional bias b")
            .params(CHUNK).build(p -> new FusedLinearCrossEntropy(p.integer(CHUNK)));

    private final int chunk;

    public FusedLinearCrossEntropy(int chunk) {
        super(COMPONENT.name(), List.of(InputSpec.trained(EMBEDDINGS, "[N, d] hidden states"), new InputSpec(OUTPUT_WEIGHTS, "[V, d] output weights W", true, false),
                new InputSpec(OUTPUT_BIAS, "[V] output bias b", true, true),
                InputSpec.target(LABELS, "[N] integers in [0, V)"), new InputSpec(WEIGHTS, "[N] per-sample weights of the reduction", false, true)));
        this.chunk = CHUNK.check(chunk);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray h = inputs.get(EMBEDDINGS);
        NDArray w = inputs.get(OUTPUT_WEIGHTS);
        Checks.matrix(EMBEDDINGS, h, 1);
        Checks.matrix(OUTPUT_WEIGHTS, w, 1);
        long n = h.getShape().get(0);
        long d = h.getShape().get(1);
        long v = w.getShape().get(0);
        if (w.getShape().get(1) != d) {
            throw new InvalidArgumentException(OUTPUT_WEIGHTS, "expected [V, " + d + "] to match the hidden states' d = " + d + ", got " + w.getShape());
        }
        if (w.getDataType() != h.getDataType()) {
            throw new InvalidArgumentException(OUTPUT_WEIGHTS, "type " + w.getDataType() + " differs from the hidden states' " + h.getDataType());
        }
        NDArray b = inputs.has(OUTPUT_BIAS) ? inputs.get(OUTPUT_BIAS) : null;
        if (b != null) {
            Checks.vector(OUTPUT_BIAS, b, v);
            Checks.finite(OUTPUT_BIAS, b);
        }
        long[] labels = Checks.labels(LABELS, inputs.get(LABELS), n, v).toLongArray();
        NDArray hd = h.stopGradient();
        NDArray wd = w.stopGradient();
        NDArray bd = b == null ? null : b.stopGradient().toType(hd.getDataType(), false);
        NDManager scope = hd.getManager();
        List<long[]> chunks = new ArrayList<>();
        for (long start = 0; start < v; start += chunk) {
            chunks.add(new long[] {start, Math.min(v, start + chunk)});
        }
        // pass 1: online log-sum-exp, label logits, and the sums without the label entries
        NDArray max = null;
        NDArray all = null;
        NDArray others = null;
        NDArray labelLogit = scope.zeros(new Shape(n), hd.getDataType());
        for (long[] c : chunks) {
            try (NDManager local = scope.newSubManager()) {
                NDArray z = logits(local, hd, local(local, wd.get(c[0] + ":" + c[1])), bd, c);
                LabelsInChunk in = LabelsInChunk.of(labels, c, local);
                if (in != null) {
                    labelLogit.set(new NDIndex("{}", in.rows()), local(local, z.get(in.at())));
                }
                NDArray chunkMax = z.max(new int[] {1});
                NDArray newMax = max == null ? chunkMax : NDArrays.maximum(max, chunkMax);
                newMax.attach(scope);
                NDArray e = local(local, z.subi(newMax.expandDims(1)).exp());
                NDArray chunkAll = e.sum(new int[] {1});
                if (in != null) {
                    e.set(in.at(), local(local, in.rows().zerosLike().toType(e.getDataType(), false)));
                }
                NDArray chunkOthers = e.sum(new int[] {1});
                if (max == null) {
                    all = chunkAll;
                    others = chunkOthers;
                } else {
                    NDArray decay = local(local, max.sub(newMax).exp());
                    all = all.mul(decay).add(chunkAll);
                    others = others.mul(decay).add(chunkOthers);
                }
                all.attach(scope);
                others.attach(scope);
                max = newMax;
            }
        }
        NDArray lse = max.add(all.log());
        NDArray u = others.div(all);
        NDArray logPy = labelLogit.sub(lse);
        NDArray value = NDArrays.where(u.lt(0.5), Activation.softPlus(u.log().sub(logPy)), logPy.neg());
        // pass 2: p − e_y per chunk (label entries −u), the hidden-state rows and D
        NDArray coef = reductionWeights(inputs, n, hd);
        NDArray scaledH = hd.mul(coef.expandDims(1));
        NDArray gradH = hd.zerosLike();
        NDArray gradW = wd.zerosLike();
        NDArray gradB = bd == null ? null : bd.zerosLike();
        for (long[] c : chunks) {
            try (NDManager local = scope.newSubManager()) {
                NDArray wc = local(local, wd.get(c[0] + ":" + c[1]));
                NDArray p = local(local, logits(local, hd, wc, bd, c).subi(lse.expandDims(1)).exp());
                LabelsInChunk in = LabelsInChunk.of(labels, c, local);
                if (in != null) {
                    p.set(in.at(), local(local, u.get(new NDIndex("{}", in.rows())).neg()));
                }
                gradH.addi(local(local, p.matMul(wc)));
                NDArray pt = local(local, p.transpose());
                gradW.set(new NDIndex(c[0] + ":" + c[1]), local(local, pt.matMul(scaledH)));
                if (gradB != null) {
                    gradB.set(new NDIndex(c[0] + ":" + c[1]), local(local, local(local, pt.matMul(coef.expandDims(1))).squeeze(1)));
                }
            }
        }
        NDArray rowDot = h.mul(gradH).sum(new int[] {1});
        NDArray weightDot = w.reshape(1, v * d).matMul(gradW.reshape(v * d, 1)).reshape(new Shape());
        if (b != null) {
            weightDot = weightDot.add(b.mul(gradB.toType(b.getDataType(), false)).sum());
        }
        return value.add(rowDot.sub(rowDot.stopGradient())).add(weightDot.sub(weightDot.stopGradient()));
    }

    /** The logits of chunk c from its rows W_c of W: h·W_cᵀ (+ b_c), in {@code local}. */
    private static NDArray logits(NDManager local, NDArray h, NDArray wc, NDArray b, long[] c) {
        NDArray z = local(local, h.matMul(local(local, wc.transpose())));
        return b == null ? z : z.addi(local(local, b.get(c[0] + ":" + c[1])));
    }

    /** c_i = w_i / Σ_j w_j from the {@code weights} input, else 1/N (0 when every weight is 0). */
    private static NDArray reductionWeights(Inputs inputs, long n, NDArray like) {
        if (!inputs.has(WEIGHTS)) {
            return Scalars.div(like.getManager().ones(new Shape(n), like.getDataType()), n);
        }
        NDArray weights = inputs.get(WEIGHTS);
        Checks.vector(WEIGHTS, weights, n);
        Checks.finite(WEIGHTS, weights);
        NDArray typed = weights.toType(like.getDataType(), false);
        double total = typed.sum().toType(DataType.FLOAT64, false).getDouble();
        return total == 0 ? typed.zerosLike() : Scalars.div(typed, total);
    }

    private static NDArray local(NDManager local, NDArray a) {
        a.attach(local);
        return a;
    }

    /** The samples whose label falls in a chunk [start, end): their rows and the (row, label − start) index. */
    private record LabelsInChunk(NDArray rows, NDIndex at) {
        static LabelsInChunk of(long[] labels, long[] chunk, NDManager manager) {
            int count = 0;
            for (long y : labels) {
                count += y >= chunk[0] && y < chunk[1] ? 1 : 0;
            }
            if (count == 0) {
                return null;
            }
            int[] rows = new int[count];
            int[] cols = new int[count];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= chunk[0] && labels[i] < chunk[1]) {
                    rows[k] = i;
                    cols[k++] = (int) (labels[i] - chunk[0]);
                }
            }
            NDArray r = HostArrays.int64(manager, rows);
            return new LabelsInChunk(r, new NDIndex("{}, {}", r, HostArrays.int64(manager, cols)));
        }
    }
}
