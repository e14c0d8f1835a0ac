package dev.losslab.core.policy;

import static dev.losslab.core.InputNames.ADVANTAGES;
import static dev.losslab.core.InputNames.COMPLETION_MASK;
import static dev.losslab.core.InputNames.OLD_TOKEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_TOKEN_LOGPS;
import static dev.losslab.core.InputNames.REF_TOKEN_LOGPS;
import static dev.losslab.core.InputNames.TOKEN_ENTROPIES;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * The policy loss of TRL's {@code GRPOTrainer._compute_loss} (TRL main f2cd577, 1.10.0.dev0; the
 * 1.13.0 sources were not reachable), the objective of paper 60's 1-shot RLVR (spec 60). Over
 * sampled completions with token log-probs logπ_θ (trained) and logπ_old (the rollout policy;
 * absent means on-policy, π_old = stop-gradient π_θ), advantages A (per completion or per token)
 * and completion mask m:
 * <ul>
 *   <li>log w = logπ_θ − logπ_old per token, or its masked mean per completion at
 *       {@code importance_sampling_level = sequence} (GSPO); ρ = exp(log w);</li>
 *   <li>per-token loss ℓ: clipped types (grpo, bnpo, dr-grpo, dapo, luspo)
 *       −min(ρ'A, clip(ρ, 1 − ε_low, 1 + ε_high)A) with ρ' = min(ρ, δ) when δ &gt; 0 (INTELLECT-2's
 *       two-sided clip) else ρ; cispo −sg(min(ρ, ε_high))·A·logπ_θ; sapo
 *       −σ(t(ρ − 1))·4/t·A with t = t₊ when A &gt; 0 else t₋; vespo −sg(φ)·A·logπ_θ with the
 *       sequence weight φ(w) = exp(λ + k log w − λw), w = exp(clip(Σ_t m·clip(log w_t, ±20), [ln 1e-8, 20])),
 *       (k, λ) = (k₊, λ₊) when A ≥ 0 else (k₋, λ₋);</li>
 *   <li>with β &gt; 0, ℓ += β·k3, k3 = exp(logπ_ref − logπ_θ) − (logπ_ref − logπ_θ) − 1 (times ρ with
 *       {@code use_bias_correction_kl});</li>
 *   <li>reduced by {@link GrpoLossType}; the entropy bonus subtracts c·Σ H·m / Σ m
 *       ({@code entropy_coef} c, token entropies H, a trained input).</li>
 * </ul>
 * Per-sample values are each completion's share, scaled so that their mean is TRL's loss (B times
 * the share for the batch-normalised types). One process and no gradient accumulation: TRL divides
 * by the accumulation steps, and DAPO's token count is then the batch's. Left out: the vLLM
 * importance-sampling correction, the off-policy mask and the top-entropy-quantile mask. Spec 60's
 * verl form equals {@code dapo} with β = kl_loss_coef and c = entropy_coeff, except that verl clamps
 * k3 to [−10, 10] (TRL does not; we follow TRL). Defaults are TRL's: dapo, β = 0, ε = 0.2,
 * max_completion_length 512.
 */
public final class Grpo extends AbstractObjective {
    public static final Param LOSS_TYPE = Param.choice("loss_type", GrpoLossType.DAPO.label(), GrpoLossType.labels(),
            "TRL's loss_type: per-token surrogate and reduction");
    public static final Param BETA = Param.real("beta", 0.0, Range.atLeast(0), "coefficient β of the k3 KL penalty to the reference");
    public static final Param EPSILON_LOW = Param.real("epsilon_low", 0.2, Range.closedOpen(0, 1), "lower clip ε_low (TRL's epsilon): ρ ≥ 1 − ε_low");
    public static final Param EPSILON_HIGH = Param.real("epsilon_high", 0.2, Range.atLeast(0),
            "upper clip ε_high: ρ ≤ 1 + ε_high (cispo: the ratio cap ε_max itself)");
    public static final Param DELTA = Param.real("delta", 0, Range.atLeast(0), "two-sided clip ρ ≤ δ on the unclipped branch; 0 = off (TRL's None)");
    public static final Param IMPORTANCE_SAMPLING_LEVEL = Param.choice("importance_sampling_level", "token", List.of("token", "sequence"),
            "token ratios, or one ratio per completion from the mean token log-ratio (GSPO)");
    public static final Param MAX_COMPLETION_LENGTH = Param.integer("max_completion_length", 512, Range.atLeast(1),
            "dr-grpo's constant normaliser (TRL's max_completion_length)");
    public static final Param SAPO_TEMPERATURE_POS = Param.real("sapo_temperature_pos", 1.0, Range.greaterThan(0), "sapo gate temperature for A > 0");
    public static final Param SAPO_TEMPERATURE_NEG = Param.real("sapo_temperature_neg", 1.05, Range.greaterThan(0), "sapo gate temperature for A ≤ 0");
    public static final Param VESPO_K_POS = Param.real("vespo_k_pos", 2.0, Range.atLeast(0), "vespo power k for A ≥ 0");
    public static final Param VESPO_LAMBDA_POS = Param.real("vespo_lambda_pos", 3.0, Range.greaterThan(0), "vespo decay λ for A ≥ 0");
    public static final Param VESPO_K_NEG = Param.real("vespo_k_neg", 3.0, Range.atLeast(0), "vespo power k for A < 0");
    public static final Param VESPO_LAMBDA_NEG = Param.real("vespo_lambda_neg", 2.0, Range.greaterThan(0), "vespo decay λ for A < 0");
    public static final Param ENTROPY_COEF = Param.real("entropy_coef", 0.0, Range.atLeast(0), "entropy bonus coefficient c (needs token_entropies)");
    public static final Param USE_BIAS_CORRECTION_KL = Param.bool("use_bias_correction_kl", false, "multiply k3 by the importance ratio ρ");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("grpo", Kind.LOSS, "policy-gradient")
            .papers(60).summary("TRL's GRPO policy loss: clipped (or soft, or capped) importance-weighted advantages, k3 KL, entropy bonus, every loss_type reduction")
            .params(LOSS_TYPE, BETA, EPSILON_LOW, EPSILON_HIGH, DELTA, IMPORTANCE_SAMPLING_LEVEL, MAX_COMPLETION_LENGTH, SAPO_TEMPERATURE_POS,
                    SAPO_TEMPERATURE_NEG, VESPO_K_POS, VESPO_LAMBDA_POS, VESPO_K_NEG, VESPO_LAMBDA_NEG, ENTROPY_COEF, USE_BIAS_CORRECTION_KL)
            .build(p -> new Grpo(new Settings(GrpoLossType.of(p.choice(LOSS_TYPE)), p.real(BETA), p.real(EPSILON_LOW), p.real(EPSILON_HIGH),
                    p.real(DELTA), p.choice(IMPORTANCE_SAMPLING_LEVEL).equals("sequence"), p.integer(MAX_COMPLETION_LENGTH),
                    p.real(SAPO_TEMPERATURE_POS), p.real(SAPO_TEMPERATURE_NEG), p.real(VESPO_K_POS), p.real(VESPO_LAMBDA_POS),
                    p.real(VESPO_K_NEG), p.real(VESPO_LAMBDA_NEG), p.real(ENTROPY_COEF), p.bool(USE_BIAS_CORRECTION_KL))));

    private static final List<InputSpec> INPUTS = List.of(
            InputSpec.trained(POLICY_TOKEN_LOGPS, "[B, T] token log-probs under the policy"),
            InputSpec.target(ADVANTAGES, "[B] or [B, T] advantages, constant"),
            new InputSpec(COMPLETION_MASK, "[B, T] 1 for completion tokens, 0 for padding (default all 1)", false, true),
            new InputSpec(OLD_TOKEN_LOGPS, "[B, T] rollout-policy log-probs, constant (default: on-policy)", false, true),
            new InputSpec(REF_TOKEN_LOGPS, "[B, T] reference log-probs, constant (needed when beta > 0)", false, true),
            new InputSpec(TOKEN_ENTROPIES, "[B, T] next-token entropies (needed when entropy_coef > 0)", true, true));

    /** The hyperparameters, named as TRL's {@code GRPOConfig} fields. */
    public record Settings(GrpoLossType lossType, double beta, double epsilonLow, double epsilonHigh, double delta, boolean sequenceLevel,
            int maxCompletionLength, double sapoTemperaturePos, double sapoTemperatureNeg, double vespoKPos, double vespoLambdaPos,
            double vespoKNeg, double vespoLambdaNeg, double entropyCoef, boolean useBiasCorrectionKl) {

        /** TRL's defaults with the given loss type, β and clip ε (both sides). */
        public static Settings of(GrpoLossType lossType, double beta, double epsilon) {
            return new Settings(lossType, beta, epsilon, epsilon, 0, false, MAX_COMPLETION_LENGTH.defaultInt(), SAPO_TEMPERATURE_POS.defaultReal(),
                    SAPO_TEMPERATURE_NEG.defaultReal(), VESPO_K_POS.defaultReal(), VESPO_LAMBDA_POS.defaultReal(), VESPO_K_NEG.defaultReal(),
                    VESPO_LAMBDA_NEG.defaultReal(), 0, false);
        }

        /** These settings with entropy coefficient {@code c}. */
        public Settings withEntropyCoef(double c) {
            return new Settings(lossType, beta, epsilonLow, epsilonHigh, delta, sequenceLevel, maxCompletionLength, sapoTemperaturePos,
                    sapoTemperatureNeg, vespoKPos, vespoLambdaPos, vespoKNeg, vespoLambdaNeg, c, useBiasCorrectionKl);
        }
    }

    private final Settings s;

    public Grpo(Settings settings) {
        super(COMPONENT.name(), INPUTS);
        BETA.check(settings.beta());
        EPSILON_LOW.check(settings.epsilonLow());
        EPSILON_HIGH.check(settings.epsilonHigh());
        DELTA.check(settings.delta());
        MAX_COMPLETION_LENGTH.check(settings.maxCompletionLength());
        SAPO_TEMPERATURE_POS.check(settings.sapoTemperaturePos());
        SAPO_TEMPERATURE_NEG.check(settings.sapoTemperatureNeg());
        VESPO_K_POS.check(settings.vespoKPos());
        VESPO_LAMBDA_POS.check(settings.vespoLambdaPos());
        VESPO_K_NEG.check(settings.vespoKNeg());
        VESPO_LAMBDA_NEG.check(settings.vespoLambdaNeg());
        ENTROPY_COEF.check(settings.entropyCoef());
        this.s = settings;
    }

    public Settings settings() {
        return s;
    }

    @Override
    protected NDArray evaluate(Inputs in) {
        NDArray logp = in.get(POLICY_TOKEN_LOGPS);
        Checks.matrix(POLICY_TOKEN_LOGPS, logp, 1);
        Shape bt = logp.getShape();
        long b = bt.get(0);
        if (s.lossType() == GrpoLossType.DR_GRPO && bt.get(1) > s.maxCompletionLength()) {
            throw new InvalidArgumentException(MAX_COMPLETION_LENGTH.name(),
                    "completions have " + bt.get(1) + " token positions, more than max_completion_length " + s.maxCompletionLength());
        }
        NDArray mask = TokenInputs.mask(in, logp, POLICY_TOKEN_LOGPS);
        NDArray old = in.has(OLD_TOKEN_LOGPS) ? tokens(in, OLD_TOKEN_LOGPS, logp) : logp.stopGradient();
        NDArray adv = advantages(in, logp);
        NDArray counts = mask.sum(new int[] {1}, true);
        NDArray logRatio = logp.sub(old);
        NDArray logW = s.sequenceLevel() ? logRatio.mul(mask).sum(new int[] {1}, true).div(Scalars.max(counts, 1)) : logRatio;
        NDArray ratio = logW.exp();
        NDArray perToken = surrogate(logp, logRatio, ratio, adv, mask);
        if (s.beta() > 0) {
            if (!in.has(REF_TOKEN_LOGPS)) {
                throw new InvalidArgumentException(REF_TOKEN_LOGPS, "missing: the KL penalty (beta = " + s.beta() + ") needs the reference log-probs [B, T]");
            }
            NDArray d = tokens(in, REF_TOKEN_LOGPS, logp).sub(logp);
            NDArray k3 = Scalars.add(d.exp().sub(d), -1);
            perToken = perToken.add(Scalars.mul(s.useBiasCorrectionKl() ? k3.mul(ratio) : k3, s.beta()));
        }
        NDArray per = reduce(perToken, mask, counts, b);
        if (s.entropyCoef() > 0) {
            if (!in.has(TOKEN_ENTROPIES)) {
                throw new InvalidArgumentException(TOKEN_ENTROPIES, "missing: the entropy bonus (entropy_coef = " + s.entropyCoef() + ") needs the token entropies [B, T]");
            }
            NDArray h = tokens(in, TOKEN_ENTROPIES, logp).mul(mask).sum(new int[] {1});
            per = per.sub(Scalars.mul(h.div(Scalars.max(mask.sum(), 1)), s.entropyCoef() * b));
        }
        return per;
    }

    private NDArray surrogate(NDArray logp, NDArray logRatio, NDArray ratio, NDArray adv, NDArray mask) {
        switch (s.lossType()) {
            case CISPO:
                return Scalars.min(ratio, s.epsilonHigh()).stopGradient().mul(adv).mul(logp).neg();
            case SAPO: {
                NDArray t = Scalars.add(Scalars.mul(adv.gt(0).toType(logp.getDataType(), false), s.sapoTemperaturePos() - s.sapoTemperatureNeg()),
                        s.sapoTemperatureNeg());
                NDArray gate = Scalars.mul(Tensors.sigmoid(t.mul(Scalars.add(ratio, -1))), 4).div(t);
                return gate.mul(adv).neg();
            }
            case VESPO:
                return vespoWeight(logRatio.stopGradient(), adv, mask).mul(adv).mul(logp).neg();
            default: {
                NDArray clipped = Scalars.min(Scalars.max(ratio, 1 - s.epsilonLow()), 1 + s.epsilonHigh());
                NDArray unclipped = s.delta() > 0 ? Scalars.min(ratio, s.delta()) : ratio;
                return unclipped.mul(adv).minimum(clipped.mul(adv)).neg();
            }
        }
    }

    /** VESPO's sequence weight φ(w) = exp(λ + k log w − λw), [B, 1] or [B, T] following A, constant. */
    private NDArray vespoWeight(NDArray logRatio, NDArray adv, NDArray mask) {
        NDArray clipped = Scalars.min(Scalars.max(logRatio, -20), 20);
        NDArray logW = Scalars.min(Scalars.max(clipped.mul(mask).sum(new int[] {1}, true), Math.log(1e-8)), 20);
        NDArray nonNegative = adv.gte(0).toType(logRatio.getDataType(), false);
        NDArray k = Scalars.add(Scalars.mul(nonNegative, s.vespoKPos() - s.vespoKNeg()), s.vespoKNeg());
        NDArray lambda = Scalars.add(Scalars.mul(nonNegative, s.vespoLambdaPos() - s.vespoLambdaNeg()), s.vespoLambdaNeg());
        return lambda.add(k.mul(logW)).sub(lambda.mul(logW.exp())).exp();
    }

    /** Per-completion shares [B] whose mean is the loss type's reduction. */
    private NDArray reduce(NDArray perToken, NDArray mask, NDArray counts, long b) {
        NDArray rowSums = perToken.mul(mask).sum(new int[] {1});
        switch (s.lossType()) {
            case GRPO:
            case SAPO:
                return rowSums.div(Scalars.max(counts, 1).squeeze(1));
            case DR_GRPO:
                return Scalars.div(rowSums, s.maxCompletionLength());
            case LUSPO:
                return perToken.mul(counts).mean(new int[] {1});
            default:
                return Scalars.mul(rowSums, b).div(Scalars.max(mask.sum(), 1));
        }
    }

    /** A finite [B, T] input shaped like the policy log-probs, in their type. */
    private static NDArray tokens(Inputs in, String name, NDArray like) {
        return TokenInputs.like(in, name, like, POLICY_TOKEN_LOGPS);
    }

    /** Advantages as [B, 1] (per completion) or [B, T] (per token), constant. */
    private static NDArray advantages(Inputs in, NDArray like) {
        NDArray a = in.get(ADVANTAGES);
        long b = like.getShape().get(0);
        if (a.getShape().dimension() == 1) {
            Checks.vector(ADVANTAGES, a, b);
            Checks.finite(ADVANTAGES, a);
            return a.toType(like.getDataType(), false).reshape(b, 1).stopGradient();
        }
        return tokens(in, ADVANTAGES, like).stopGradient();
    }
}
