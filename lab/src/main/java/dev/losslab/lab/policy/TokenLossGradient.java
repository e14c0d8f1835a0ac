package dev.losslab.lab.policy;

import static dev.losslab.core.InputNames.ADVANTAGES;
import static dev.losslab.core.InputNames.POLICY_TOKEN_LOGPS;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.Map;

/**
 * A policy-gradient loss ({@code grpo}) evaluated on host token log-probs through the engine's
 * autograd, on-policy (no old log-probs, so ρ = 1): the gradient of its mean with respect to each
 * sampled token's log-prob, which the testbeds chain to their own parameters.
 */
public final class TokenLossGradient {
    private TokenLossGradient() {}

    /** ∂mean/∂log π [B][T] for token log-probs [B][T] and advantages per completion [B]. */
    public static double[][] of(Objective loss, double[][] tokenLogps, double[] advantages) {
        try (NDManager m = NDManager.newBaseManager()) {
            return evaluate(loss, m, tokenLogps, m.create(advantages));
        }
    }

    /** ∂mean/∂log π [B][T] for token log-probs [B][T] and advantages per token [B][T]. */
    public static double[][] of(Objective loss, double[][] tokenLogps, double[][] advantages) {
        try (NDManager m = NDManager.newBaseManager()) {
            return evaluate(loss, m, tokenLogps, m.create(advantages));
        }
    }

    private static double[][] evaluate(Objective loss, NDManager m, double[][] tokenLogps, NDArray advantages) {
        NDArray lp = m.create(tokenLogps);
        lp.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss.perSample(Inputs.of(Map.of(POLICY_TOKEN_LOGPS, lp, ADVANTAGES, advantages))).mean());
            double[] flat = lp.getGradient().toDoubleArray();
            int t = tokenLogps[0].length;
            double[][] g = new double[tokenLogps.length][t];
            for (int b = 0; b < g.length; b++) {
                System.arraycopy(flat, b * t, g[b], 0, t);
            }
            return g;
        }
    }
}
