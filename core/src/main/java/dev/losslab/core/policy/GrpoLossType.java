package dev.losslab.core.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The per-token surrogates and reductions of TRL's {@code GRPOTrainer} ({@code loss_type}, TRL main
 * f2cd577, 1.10.0.dev0), with n_i the active tokens of completion i, B the batch and m the mask:
 * <ul>
 *   <li>{@code grpo}, {@code sapo}: mean over completions of each completion's token mean Σ_t ℓ m / n_i;</li>
 *   <li>{@code bnpo}, {@code dapo}, {@code cispo}, {@code vespo}: Σ_{i,t} ℓ m / Σ_i n_i (DAPO's
 *       global token count equals the batch's on one process without gradient accumulation);</li>
 *   <li>{@code dr-grpo}: Σ_{i,t} ℓ m / (B · max_completion_length);</li>
 *   <li>{@code luspo}: mean over the elements of ℓ of ℓ · n_i (ℓ is one value per completion at the
 *       sequence importance-sampling level).</li>
 * </ul>
 */
public enum GrpoLossType {
    GRPO,
    BNPO,
    DR_GRPO,
    DAPO,
    CISPO,
    SAPO,
    LUSPO,
    VESPO;

    /** Kebab-case name ({@code dr-grpo}); TRL writes {@code dr_grpo}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every label, in declaration order. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(GrpoLossType::label).toList();
    }

    /** The type named {@code label}. */
    public static GrpoLossType of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** True for the types whose per-token loss is the PPO clipped surrogate −min(ρA, clip(ρ)A). */
    boolean clipped() {
        return this == GRPO || this == BNPO || this == DR_GRPO || this == DAPO || this == LUSPO;
    }

    /** True for the types that divide by the batch's active token count. */
    boolean tokenMean() {
        return this == BNPO || this == DAPO || this == CISPO || this == VESPO;
    }
}
