package dev.losslab.core.classification.robust;

import ai.djl.ndarray.NDArray;
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

    public NDArray apply(NDArray o) {
        if (this == NONE) {
            return o;
        }
        if (this == L1_MEAN) {
            return o.div(Scalars.max(o.abs().mean(new int[] {-1}, true), MIN_SCALE));
        }
        NDArray s = Tensors.softplus(o);
        return s.div(Scalars.max(s.mean(new int[] {-1}, true), MIN_SCALE));
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
