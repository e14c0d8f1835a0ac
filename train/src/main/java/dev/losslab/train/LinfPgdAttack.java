package dev.losslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Tensors;

/**
 * ℓ∞ projected gradient ascent on the cross-entropy (Madry et al. 2018; paper 58's lower level,
 * spec 58): from δ = 0, K steps δ ← Π(δ + α·sign(∇_δ CE(h(x + δ), y))), Π projecting onto
 * ‖δ‖∞ ≤ ε and onto x + δ ∈ [lo, hi] (the data range, [0, 1] for pixels). Parameter gradients
 * touched by the attack are zeroed afterwards. Returns x + δ as host rows.
 */
public final class LinfPgdAttack {
    private final double epsilon;
    private final int steps;
    private final double stepSize;
    private final double lo;
    private final double hi;

    public LinfPgdAttack(double epsilon, int steps, double stepSize, double lo, double hi) {
        if (!(epsilon > 0) || steps < 1 || !(stepSize > 0) || !(hi > lo)) {
            throw new IllegalArgumentException("need epsilon > 0, steps ≥ 1, stepSize > 0 and lo < hi, got " + epsilon + ", " + steps + ", " + stepSize
                    + ", [" + lo + ", " + hi + "]");
        }
        this.epsilon = epsilon;
        this.steps = steps;
        this.stepSize = stepSize;
        this.lo = lo;
        this.hi = hi;
    }

    public float[][] attack(Block block, NDManager manager, float[][] x, int[] y) {
        ParameterStore store = new ParameterStore(manager, false);
        int n = x.length;
        int d = x[0].length;
        float[][] adv = new float[n][];
        for (int i = 0; i < n; i++) {
            adv[i] = x[i].clone();
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = HostArrays.int64(scope, y);
            for (int s = 0; s < steps; s++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray xp = HostArrays.float32(step, adv);
                    xp.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray h = block.forward(store, new NDList(xp), false).singletonOrThrow();
                        gc.backward(Tensors.softplus(Tensors.labelLogOdds(h, labels)).sum());
                    }
                    float[] g = xp.getGradient().toFloatArray();
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < d; j++) {
                            double v = adv[i][j] + stepSize * Math.signum(g[i * d + j]);
                            v = Math.max(x[i][j] - epsilon, Math.min(x[i][j] + epsilon, v));
                            adv[i][j] = (float) Math.max(lo, Math.min(hi, v));
                        }
                    }
                }
            }
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getArray().hasGradient()) {
                try (NDArray grad = p.getValue().getArray().getGradient()) {
                    grad.muli(0);
                }
            }
        }
        return adv;
    }
}
