package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.Arrays;
import java.util.Locale;

/**
 * The f-divergence score transform of f-DPO (Wang et al. 2023), as TRL applies it to each
 * log-ratio r = log π(y|x) − log π_ref(y|x) before any preference loss (TRL
 * {@code f_divergence_type}): the score is f′(e^r) without its constant term.
 * <ul>
 *   <li>reverse-kl: s = r (standard DPO);
 *   <li>forward-kl: s = −e^{−r} (overflows for log-ratios below about −709 in float64, −88 in float32, as in TRL);
 *   <li>js: s = log σ(r);
 *   <li>alpha: s = e^{(α−1)·r}/(α−1); for |α − 1| &lt; 1e-6 it falls back to reverse-kl, and in
 *       float32 (float16) the exponent is clamped at 80 (11) as TRL does. TRL has no clamp for
 *       float64, so none is applied there.
 * </ul>
 */
public enum Divergence {
    REVERSE_KL,
    FORWARD_KL,
    JS,
    ALPHA;

    /** TRL's {@code f_divergence_type}, in LossLab's spelling. */
    public static final Param PARAM = Param.choice("divergence", REVERSE_KL.label(), Arrays.stream(values()).map(Divergence::label).toList(),
            "f-divergence score transform of the log-ratios (TRL f_divergence_type)");
    /** TRL's {@code f_alpha_divergence_coef}, default 0.5; used only by {@link #ALPHA}. */
    public static final Param ALPHA_PARAM = Param.real("alpha", 0.5, Range.ANY, "α of the alpha divergence (TRL f_alpha_divergence_coef)");

    /** The score s(r) for log-ratios {@code r}. */
    public NDArray score(NDArray r, double alpha) {
        switch (this) {
            case FORWARD_KL:
                return r.neg().exp().neg();
            case JS:
                return Tensors.softplus(r.neg()).neg();
            case ALPHA:
                if (Math.abs(alpha - 1) < 1e-6) {
                    return r;
                }
                NDArray t = Scalars.mul(r, alpha - 1);
                if (r.getDataType() == DataType.FLOAT32 || r.getDataType() == DataType.FLOAT16) {
                    t = Scalars.min(t, r.getDataType() == DataType.FLOAT16 ? 11 : 80);
                }
                return Scalars.mul(t.exp(), 1 / (alpha - 1));
            default:
                return r;
        }
    }

    /** The CLI spelling, e.g. {@code forward-kl}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Divergence fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
