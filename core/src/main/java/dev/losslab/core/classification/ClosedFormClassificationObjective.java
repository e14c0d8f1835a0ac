package dev.losslab.core.classification;

import dev.losslab.core.InputSpec;

/**
 * A classification objective whose per-sample values carry a closed-form gradient attached over all
 * the logits with {@link dev.losslab.core.Tensors#withGradient}: ℓ_i + (d_i − sg(d_i)) with the row
 * dot products d_i = Σ_k h_ik·g_ik. A NaN or infinite logit makes d_i NaN or infinite whatever g_ik
 * is (∞·0 is NaN), hence ℓ_i + (d_i − d_i) NaN; so the logits' finiteness is checked through the
 * values ({@link dev.losslab.core.Checks#finiteThrough}): one read of N values instead of a pass over
 * the N × C logits, and that pass only when some value is not finite. Subclasses must return the
 * values of {@code withGradient} on the logits themselves; {@code FiniteThroughValuesTest} checks
 * every registered one with NaN and ±∞ at label and other entries, on the host and engine paths.
 */
public abstract class ClosedFormClassificationObjective extends ClassificationObjective {
    /** @param extra inputs read after the first two, in order */
    protected ClosedFormClassificationObjective(String name, InputSpec... extra) {
        super(name, true, extra);
    }
}
