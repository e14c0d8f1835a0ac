package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.nn.Activation;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Param;
import java.util.Arrays;
import java.util.Locale;

/**
 * How raw network outputs o become the scores s that the LDR losses see (paper 09's official
 * code, {@code loss.py}). The paper's loss itself is stated on raw scores.
 */
public enum ScoreNormalization {
    /** s = o, the paper's definition. */
    NONE,
    /**
     * s = softplus(o) / mean_k softplus(o) per row, as the official {@code LDRLoss_V1}; the row
     * mean is floored at 1e-12 so rows whose softplus underflows stay finite.
     */
    SOFTPLUS_MEAN,
    /**
     * s = o / mean_k |o_k| per row, as the official {@code ALDRLoss_V1} (without softplus); the
     * row scale is floored at 1e-12.
     */
    L1_MEAN;

    /** Floor of the normalising row mean. */
    static final double MIN_SCALE = 1e-12;

    /**
     * The scores s [N, C] of detached outputs o (a new array), with the per-row scale μ [N, 1] they
     * were divided by (NONE: s = o, μ = 1) and whether μ was floored.
     */
    public record Scores(NDArray s, NDArray scale, NDArray floored) {}

    /** Scores of {@code o} (its gradient is not followed; see {@link #backward}). */
    public Scores scores(NDArray o) {
        NDArray h = o.stopGradient();
        if (this == NONE) {
            return new Scores(h.duplicate(), null, null);
        }
        NDArray base = this == L1_MEAN ? h.abs() : softplus(h);
        NDArray mean = base.mean(new int[] {-1}, true);
        NDArray scale = Scalars.max(mean, MIN_SCALE);
        NDArray s = this == L1_MEAN ? h.div(scale) : base.divi(scale);
        return new Scores(s, scale, mean.lt(MIN_SCALE));
    }

    /**
     * ∂ℓ/∂o from ∂ℓ/∂s (closed form; {@code gs} and {@code scores.s()} are overwritten and
     * {@code gs} is returned). With b = softplus(o) (or |o|), μ = mean_k b_k and s = b/μ (o/μ):
     * ∂ℓ/∂o_j = b'(o_j)·(g_j − (1/K) Σ_k g_k s_k)/μ for softplus-mean (b' = σ) and
     * g_j/μ − sign(o_j)·(1/K) Σ_k g_k s_k/μ for l1-mean; the Σ term is dropped where μ was floored.
     */
    public NDArray backward(NDArray o, Scores scores, NDArray gs) {
        if (this == NONE) {
            return gs;
        }
        long k = gs.getShape().get(1);
        NDArray h = o.stopGradient();
        NDArray mixed = scores.s().muli(gs).sum(new int[] {-1}, true);
        NDArray meanTerm = NDArrays.where(scores.floored(), mixed.zerosLike(), Scalars.div(mixed, k));
        if (this == SOFTPLUS_MEAN) {
            return gs.subi(meanTerm).divi(scores.scale()).muli(Tensors.sigmoid(h));
        }
        return gs.divi(scores.scale()).subi(h.sign().muli(meanTerm.divi(scores.scale())));
    }

    /** softplus(x) = max(x, 0) + log1p(e^{−|x|}), to full relative precision, in three passes. */
    private static NDArray softplus(NDArray x) {
        return Activation.softPlus(x.abs().negi()).addi(Activation.relu(x));
    }

    /** The CLI spelling, e.g. {@code softplus-mean}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The {@code normalize} parameter of the LDR losses, with its default. */
    static Param param(ScoreNormalization def, String description) {
        return Param.choice("normalize", def.label(), Arrays.stream(values()).map(ScoreNormalization::label).toList(), description);
    }

    public static ScoreNormalization fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
