package dev.losslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;

/**
 * Alignment with the naive-loss-minimisation (NLM) direction of paper 44 (Prieto et al. 2025,
 * spec 44 "NLM direction"): cos(−∇_θL, θ) = −(θ·∇L)/(‖θ‖·‖∇L‖) over all parameters together.
 * Near 1, the loss falls mostly by scaling the weights up, which only sharpens the logits without
 * changing predictions (the direction ⊥Grad removes). The spec leaves open whether the paper's
 * figures use one global cosine or one per layer; this is the global one. 0 when either norm is 0.
 */
public final class NlmAlignment {
    private NlmAlignment() {}

    /** The global cosine from the parameters' current gradients. */
    public static double cosine(ParameterList parameters) {
        double dot = 0;
        double ww = 0;
        double gg = 0;
        for (Pair<String, Parameter> p : parameters) {
            NDArray w = p.getValue().getArray();
            try (NDManager scope = w.getManager().newSubManager()) {
                scope.tempAttachAll(w);
                NDArray g = w.getGradient();
                dot += w.mul(g).sum().toArray()[0].doubleValue();
                ww += w.mul(w).sum().toArray()[0].doubleValue();
                gg += g.mul(g).sum().toArray()[0].doubleValue();
            }
        }
        return ww > 0 && gg > 0 ? -dot / Math.sqrt(ww * gg) : 0;
    }
}
