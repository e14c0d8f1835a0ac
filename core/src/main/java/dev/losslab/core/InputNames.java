package dev.losslab.core;

/**
 * The vocabulary of objective inputs: every name an objective declares, the CLI reads from its
 * input JSON, the DJL adapter maps and the training loop feeds. Written here once; a test fails on
 * an input name spelled as a bare string anywhere else in the main sources.
 */
public final class InputNames {
    private InputNames() {}

    /** Scores [N, C] (or [N] for binary and regression-free heads), trained. */
    public static final String LOGITS = "logits";
    /** Integer class labels [N]. */
    public static final String LABELS = "labels";
    /** Real or binary targets (multi-label [N, L], regression [N]). */
    public static final String TARGETS = "targets";
    /** Regression predictions [N] or [N, 1], trained. */
    public static final String PREDICTIONS = "predictions";
    /** Per-sample weights [N] used by the reduction (sample reweighting). */
    public static final String WEIGHTS = "weights";
    /** Training-example ids [N] for objectives that keep per-example state. */
    public static final String SAMPLE_IDS = "sample_ids";
    /** Logits at an adversarial point [N, C], trained. */
    public static final String ADVERSARIAL_LOGITS = "adversarial_logits";
    /** The output layer's weight matrix, trained (for penalties such as the L2-SVM's ½‖W‖²). */
    public static final String OUTPUT_WEIGHTS = "output_weights";
    /** The output layer's bias [C], trained (fused linear cross-entropy). */
    public static final String OUTPUT_BIAS = "output_bias";
    /** Embeddings [N, E], trained. */
    public static final String EMBEDDINGS = "embeddings";
    /** Per-label positive weights [L] (weighted BCE). */
    public static final String POS_WEIGHT = "pos_weight";
    /** A label-correlation matrix [L, L]. */
    public static final String CORRELATION = "correlation";
    /** Episode support embeddings [S, E], trained. */
    public static final String SUPPORT = "support";
    /** Episode support labels [S]. */
    public static final String SUPPORT_LABELS = "support_labels";
    /** Episode query embeddings [Q, E], trained. */
    public static final String QUERY = "query";
    /** Episode query labels [Q]. */
    public static final String QUERY_LABELS = "query_labels";
    /** A frozen teacher's logits [N, C] (distillation), not trained. */
    public static final String TEACHER_LOGITS = "teacher_logits";
    /** Summed log-probabilities of the chosen responses under the policy [N], trained. */
    public static final String POLICY_CHOSEN_LOGPS = "policy_chosen_logps";
    /** Summed log-probabilities of the rejected responses under the policy [N], trained. */
    public static final String POLICY_REJECTED_LOGPS = "policy_rejected_logps";
    /** The chosen responses' summed log-probabilities under the frozen reference policy [N] (TRL's and the specs' name). */
    public static final String REF_CHOSEN_LOGPS = "ref_chosen_logps";
    /** The rejected responses' summed log-probabilities under the frozen reference policy [N]. */
    public static final String REF_REJECTED_LOGPS = "ref_rejected_logps";
    /** The policy's summed log-probs of mismatched (prompt, completion) pairs [M] (KTO's KL estimate; detached, no gradient). */
    public static final String POLICY_KL_LOGPS = "policy_kl_logps";
    /** The reference's summed log-probs of the same mismatched pairs [M]. */
    public static final String REF_KL_LOGPS = "ref_kl_logps";
    /** The chosen responses' summed log-probs under the previous iterate π_t [N] (INPO), constant. */
    public static final String PREV_CHOSEN_LOGPS = "prev_chosen_logps";
    /** The rejected responses' summed log-probs under the previous iterate π_t [N]. */
    public static final String PREV_REJECTED_LOGPS = "prev_rejected_logps";
    /** Per-example weights of the undesirable examples [N_r] (BCO's UDM density ratios), optional. */
    public static final String UNDESIRABLE_WEIGHTS = "undesirable_weights";
    /** Token counts of the chosen responses [N] (length-normalised objectives). */
    public static final String CHOSEN_LENGTHS = "chosen_lengths";
    /** Token counts of the rejected responses [N]. */
    public static final String REJECTED_LENGTHS = "rejected_lengths";
    /** Per-token log-probabilities of the sampled completions under the policy [B, T] (GRPO, PPO), trained. */
    public static final String POLICY_TOKEN_LOGPS = "policy_token_logps";
    /** The same tokens' log-probabilities under the rollout (old) policy [B, T], constant; absent means on-policy. */
    public static final String OLD_TOKEN_LOGPS = "old_token_logps";
    /** The same tokens' log-probabilities under the frozen reference policy [B, T] (the KL penalty), constant. */
    public static final String REF_TOKEN_LOGPS = "ref_token_logps";
    /** Advantages per completion [B] or per token [B, T] (group-relative or GAE), constant. */
    public static final String ADVANTAGES = "advantages";
    /** 1 for the completion tokens that count, 0 for padding [B, T]. */
    public static final String COMPLETION_MASK = "completion_mask";
    /** Entropy of the policy's next-token distribution at each completion position [B, T] (entropy bonus), trained. */
    public static final String TOKEN_ENTROPIES = "token_entropies";
    /** A preference-degree head's logits for augmented variants of the chosen responses [M, K] (SPO), trained. */
    public static final String DEGREE_LOGITS = "degree_logits";
    /** Each variant's removal degree in [0, K) [M] (SPO's self-supervised labels). */
    public static final String DEGREE_LABELS = "degree_labels";
    /** A critic's value estimates per completion token [B, T] (PPO's value loss), trained. */
    public static final String CRITIC_VALUES = "critic_values";
    /** The same tokens' value estimates at rollout time [B, T], constant (value clipping). */
    public static final String OLD_CRITIC_VALUES = "old_critic_values";
    /** Per-token returns [B, T] (GAE advantages + old values), constant: the value targets. */
    public static final String RETURNS = "returns";
    /** A student's logits [N, C] (distillation), trained. */
    public static final String STUDENT_LOGITS = "student_logits";
    /** An auxiliary head's logits [N, C] (USKD's weak classifier on a mid-level feature), trained. */
    public static final String AUX_LOGITS = "aux_logits";
    /** A student's aspect logits [N, Q] (MaKD's extra outputs, one per yes/no aspect question), trained. */
    public static final String ASPECT_LOGITS = "aspect_logits";
    /** Soft aspect targets in [0, 1] [N, Q] (MaKD: an offline teacher's P(yes) per sample and question). */
    public static final String ASPECT_TARGETS = "aspect_targets";
    /** Per-sample, per-factor additive attributions φ [N, F] of a model's predictions (explanation consistency), trained. */
    public static final String ATTRIBUTIONS = "attributions";
    /** A prior distribution over the F factors [F] (domain knowledge: primary factors get more mass), constant. */
    public static final String PRIOR = "prior";
    /** A frozen zero-shot classifier's logits [N, C] (AMU: CLIP's image–text logits), constant. */
    public static final String ZERO_SHOT_LOGITS = "zero_shot_logits";
    /** Class weight vectors [C, D] of a bias-free linear head (UER's classifier rows w_c), trained. */
    public static final String CLASS_WEIGHTS = "class_weights";
    /** Per-sample 0/1 flags [N]: 1 for a sample replayed from the memory buffer, 0 for an incoming one (UER). */
    public static final String REPLAY_MASK = "replay_mask";
    /** Per-sample temperatures τ_i > 0 [N] or [N, 1] (DRO temperature cross-entropy: a TempNet's output), trained. */
    public static final String TEMPERATURES = "temperatures";
}
