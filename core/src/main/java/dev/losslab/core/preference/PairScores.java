package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;

/**
 * What a paired preference loss sees, all [N]: the log-ratios r = policy − reference of the chosen
 * and rejected responses, their {@link Divergence} scores s = f(r) (TRL's {@code chosen_scores},
 * {@code rejected_scores}), and the inputs (for token counts, or the raw log-probs AOT sorts).
 */
public record PairScores(NDArray chosenRatio, NDArray rejectedRatio, NDArray chosen, NDArray rejected, Inputs inputs) {

    /** The margin Δ = s_c − s_r (TRL's {@code delta_score}; the DPO margin h for reverse-KL). */
    public NDArray delta() {
        return chosen.sub(rejected);
    }
}
