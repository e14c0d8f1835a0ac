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
import java.util.Random;

/**
 * ℓ2 projected gradient ascent for the smooth adversarial comp-sum loss (paper 04, spec 04's
 * reconstruction): finds x' with ‖x' − x‖₂ ≤ gamma maximising ‖Δ_h(x', y) − Δ_h(x, y)‖₂, where
 * Δ_h(x, y)_k = h(x)_y − h(x)_k. Starts from a random point on a small sphere around x (the
 * objective is not differentiable at x' = x), takes normalised gradient steps of size
 * {@code stepSize}·gamma and projects back to the ball. Parameter gradients touched by the attack
 * are zeroed, so a following training step starts clean. Returns x' detached, as host rows.
 */
public final class PgdAttack {
    private final double gamma;
    private final int steps;
    private final double stepSize;

    /**
     * @param gamma ball radius &gt; 0
     * @param steps number of ascent steps ≥ 1
     * @param stepSize step as a fraction of gamma (e.g. 0.25)
     */
    /** The attack that an {@code adv-comp-sum} loss is configured with. */
    public static PgdAttack of(dev.losslab.core.AttackSettings settings) {
        return new PgdAttack(settings.gamma(), settings.steps(), settings.stepSize());
    }

    public PgdAttack(double gamma, int steps, double stepSize) {
        if (!(gamma > 0) || steps < 1 || !(stepSize > 0)) {
            throw new IllegalArgumentException("need gamma > 0, steps ≥ 1, stepSize > 0");
        }
        this.gamma = gamma;
        this.steps = steps;
        this.stepSize = stepSize;
    }

    public float[][] attack(Block block, NDManager manager, float[][] x, int[] y, Random rng) {
        ParameterStore store = new ParameterStore(manager, false);
        int n = x.length;
        int d = x[0].length;
        float[][] adv = new float[n][d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            double[] dir = new double[d];
            for (int j = 0; j < d; j++) {
                dir[j] = rng.nextGaussian();
                norm += dir[j] * dir[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                adv[i][j] = (float) (x[i][j] + 1e-3 * gamma * dir[j] / norm);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = HostArrays.int64(scope, y);
            NDArray clean = block.forward(store, new NDList(HostArrays.float32(scope, x)), false).singletonOrThrow().stopGradient();
            NDArray cleanMargin = Tensors.pick(clean, labels).expandDims(-1).sub(clean);
            for (int s = 0; s < steps; s++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray xp = HostArrays.float32(step, adv);
                    xp.setRequiresGradient(true);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray h = block.forward(store, new NDList(xp), false).singletonOrThrow();
                        NDArray margin = Tensors.pick(h, labels).expandDims(-1).sub(h);
                        NDArray change = margin.sub(cleanMargin);
                        gc.backward(change.mul(change).sum(new int[] {-1}).add(1e-24).sqrt().sum());
                    }
                    float[] g = xp.getGradient().toFloatArray();
                    for (int i = 0; i < n; i++) {
                        double gn = 0;
                        for (int j = 0; j < d; j++) {
                            gn += (double) g[i * d + j] * g[i * d + j];
                        }
                        gn = Math.sqrt(gn) + 1e-12;
                        double dn = 0;
                        double[] delta = new double[d];
                        for (int j = 0; j < d; j++) {
                            delta[j] = adv[i][j] - x[i][j] + stepSize * gamma * g[i * d + j] / gn;
                            dn += delta[j] * delta[j];
                        }
                        double scale = Math.min(1, gamma / (Math.sqrt(dn) + 1e-12));
                        for (int j = 0; j < d; j++) {
                            adv[i][j] = (float) (x[i][j] + delta[j] * scale);
                        }
                    }
                }
            }
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            try (NDArray grad = p.getValue().getArray().getGradient()) {
                grad.muli(0);
            }
        }
        return adv;
    }
}
