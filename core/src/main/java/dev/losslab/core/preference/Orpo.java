package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * Odds-ratio preference optimisation (ORPO; Hong et al. 2024, eqs. 4 and 7; catalogued in paper 56,
 * spec 56: the conditioned semantic loss with p_y = exp(average log-prob)): with the per-token
 * averages a_w, a_l (&lt; 0) and the log odds ratio
 * L = (a_w − a_l) − (log(1 − e^{a_w}) − log(1 − e^{a_l})),
 * ℓ = NLL − λ·log σ(L) = NLL + λ·softplus(−L), NLL the token-mean cross-entropy of the batch's chosen
 * completions. TRL's {@code ORPOTrainer} (trl.experimental, main at f2cd577), whose {@code beta} is
 * this λ (default 0.1). log(1 − e^a) is computed as log(−expm1(a)) for a &gt; −ln 2 (expm1 by its
 * Taylor series for |a| &lt; 1e-3) and log(1 − e^a) below, TRL's {@code log1mexp} split; a = 0 (a
 * certain response) has no odds and is rejected.
 */
public final class Orpo extends PolicyPairLoss {
    public static final Param LAMBDA = Param.real("lambda", 0.1, Range.atLeast(0), "weight λ of the odds-ratio term (TRL ORPOConfig beta)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("orpo", Kind.LOSS, "preference")
            .papers(56).summary("ORPO NLL(y_w) − λ·log σ(log odds(y_w) − log odds(y_l)) on average log-probs (TRL ORPOTrainer)")
            .params(LAMBDA)
            .build(p -> new Orpo(p.real(LAMBDA)));

    private final double lambda;

    /** @param lambda λ ≥ 0 */
    public Orpo(double lambda) {
        super(COMPONENT.name());
        this.lambda = LAMBDA.check(lambda);
    }

    @Override
    protected NDArray loss(Pair p) {
        NDArray aw = p.chosen().div(p.chosenLengths());
        NDArray al = p.rejected().div(p.rejectedLengths());
        if (aw.gte(0).any().getBoolean() || al.gte(0).any().getBoolean()) {
            throw new dev.losslab.core.InvalidArgumentException(dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS,
                    "ORPO needs average log-probs below 0 (a response of probability 1 has no odds)");
        }
        NDArray logOdds = aw.sub(al).sub(log1mexp(aw).sub(log1mexp(al)));
        return Scalars.mul(Tensors.softplus(logOdds.neg()), lambda).add(p.nll());
    }

    /** log(1 − e^a) for a &lt; 0. */
    static NDArray log1mexp(NDArray a) {
        NDArray series = a.add(a.mul(a).mul(Scalars.constant(a, 0.5))).add(a.mul(a).mul(a).mul(Scalars.constant(a, 1.0 / 6)))
                .add(a.mul(a).mul(a).mul(a).mul(Scalars.constant(a, 1.0 / 24)));
        NDArray expm1 = NDArrays.where(a.abs().lt(1e-3), series, Scalars.add(a.exp(), -1));
        NDArray near = expm1.neg().log();
        NDArray far = Scalars.add(a.exp().neg(), 1).log();
        return NDArrays.where(a.gt(-Math.log(2)), near, far);
    }
}
