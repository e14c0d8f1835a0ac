package dev.losslab.core.policy;

import static dev.losslab.core.InputNames.COMPLETION_MASK;
import static dev.losslab.core.InputNames.OLD_CRITIC_VALUES;
import static dev.losslab.core.InputNames.RETURNS;
import static dev.losslab.core.InputNames.CRITIC_VALUES;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
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
import java.util.List;

/**
 * PPO's clipped value loss, the critic objective of paper 63's PPO stage (spec 63; OpenRLHF's
 * {@code ValueLoss}, which the official RTO fork uses with value_clip 0.2): with values V, rollout
 * values V_old, returns R and completion mask m, V_clip = V_old + clip(V − V_old, ±c), and per
 * completion ℓ = ½ · Σ_t m_t·max((V_clip − R)², (V − R)²) / Σ_t m_t (a completion without tokens
 * gives 0); c = 0 switches clipping off (ℓ = ½ masked mean of (V − R)²). The mean over completions
 * is OpenRLHF's loss.
 */
public final class PpoValueLoss extends AbstractObjective {
    public static final Param VALUE_CLIP = Param.real("value_clip", 0.2, Range.atLeast(0), "clip c of V − V_old (0 = no clipping)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("ppo-value", Kind.LOSS, "policy-gradient")
            .papers(63).summary("PPO's clipped value loss ½·masked mean of max((V_clip − R)², (V − R)²) (OpenRLHF ValueLoss)")
            .params(VALUE_CLIP)
            .build(p -> new PpoValueLoss(p.real(VALUE_CLIP)));

    private static final List<InputSpec> INPUTS = List.of(
            InputSpec.trained(CRITIC_VALUES, "[B, T] critic values"),
            InputSpec.target(RETURNS, "[B, T] returns (value targets), constant"),
            new InputSpec(OLD_CRITIC_VALUES, "[B, T] rollout values, constant (needed when value_clip > 0)", false, true),
            new InputSpec(COMPLETION_MASK, "[B, T] 1 for completion tokens, 0 for padding (default all 1)", false, true));

    private final double clip;

    /** @param valueClip c ≥ 0 (0 = no clipping) */
    public PpoValueLoss(double valueClip) {
        super(COMPONENT.name(), INPUTS);
        this.clip = VALUE_CLIP.check(valueClip);
    }

    @Override
    protected NDArray evaluate(Inputs in) {
        NDArray v = in.get(CRITIC_VALUES);
        Checks.matrix(CRITIC_VALUES, v, 1);
        NDArray r = tokens(in, RETURNS, v);
        NDArray mask = TokenInputs.mask(in, v, CRITIC_VALUES);
        NDArray err = v.sub(r);
        NDArray sq = err.mul(err);
        if (clip > 0) {
            if (!in.has(OLD_CRITIC_VALUES)) {
                throw new InvalidArgumentException(OLD_CRITIC_VALUES, "missing: value clipping (value_clip = " + clip + ") needs the rollout values [B, T]");
            }
            NDArray old = tokens(in, OLD_CRITIC_VALUES, v);
            NDArray clipped = old.add(Scalars.min(Scalars.max(v.sub(old), -clip), clip)).sub(r);
            sq = sq.maximum(clipped.mul(clipped));
        }
        return Scalars.mul(sq.mul(mask).sum(new int[] {1}).div(Scalars.max(mask.sum(new int[] {1}), 1)), 0.5);
    }

    private static NDArray tokens(Inputs in, String name, NDArray like) {
        return TokenInputs.like(in, name, like, CRITIC_VALUES);
    }
}
