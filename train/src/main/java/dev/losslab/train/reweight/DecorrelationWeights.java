package dev.losslab.train.reweight;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.Scalars;
import java.util.Random;

/**
 * Sample weights that decorrelate clusters of representation variables (paper 55, L2R-GNN, Chen et
 * al., AAAI 2024, spec 55; the implementable "stable learning" core, no official code). Each
 * variable j of Z [n × p] is mapped by Q fixed random Fourier features φ_j(z) = √2·cos(ω_jq z + b_jq)
 * (ω ~ N(0,1), b ~ U(0, 2π)) to A_j [n × Q]; for weights w (mean 1) the weighted cross-covariance is
 * C_jk(w) = (1/n) Σ_i w_i a_ij a_ikᵀ − μ_j μ_kᵀ, μ_j = (1/n) Σ_i w_i a_ij, and the loss
 * L_dec(w) = Σ_{j&lt;k, c(j) ≠ c(k)} ‖C_jk(w)‖²_F only decorrelates variables of different clusters
 * (every variable its own cluster gives StableNet-style all-pairs decorrelation). The weights are
 * w = n·softmax(θ), θ₀ = 0, learned by Adam on L_dec (DJL's Adam). The paper's cluster criterion,
 * momentum weight queues and bi-level GNN schedule are not included (spec 55: unverified).
 */
public final class DecorrelationWeights {
    private DecorrelationWeights() {}

    /** Random Fourier features [p][n][Q] of the columns of z, with ω and b drawn from {@code seed} (Q per variable). */
    public static double[][][] randomFourierFeatures(double[][] z, int q, long seed) {
        int n = z.length;
        int p = z[0].length;
        Random r = new Random(seed);
        double[][][] a = new double[p][n][q];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < q; k++) {
                double omega = r.nextGaussian();
                double b = 2 * Math.PI * r.nextDouble();
                for (int i = 0; i < n; i++) {
                    a[j][i][k] = Math.sqrt(2) * Math.cos(omega * z[i][j] + b);
                }
            }
        }
        return a;
    }

    /** The loss L_dec at weights w (an [n] array, possibly requiring gradients) for features [p][n][Q] laid out as [n, p·Q]. */
    static NDArray loss(NDArray m, NDArray mask, NDArray w) {
        long n = m.getShape().get(0);
        NDArray weighted = m.mul(w.reshape(n, 1));
        NDArray mu = Scalars.div(weighted.sum(new int[] {0}), n);
        NDArray cov = Scalars.div(weighted.transpose().matMul(m), n).sub(mu.reshape(-1, 1).matMul(mu.reshape(1, -1)));
        return cov.square().mul(mask).sum();
    }

    /** {L_dec(w), ∂L_dec/∂w_1..n} for features [p][n][Q], cluster ids per variable and weights w. */
    public static double[] lossAndGradient(double[][][] features, int[] clusters, double[] w) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = layout(manager, features);
            NDArray mask = mask(manager, clusters, features[0][0].length);
            NDArray weights = manager.create(w);
            weights.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss(m, mask, weights);
                gc.backward(l);
                double[] g = weights.getGradient().toDoubleArray();
                double[] out = new double[1 + g.length];
                out[0] = l.getDouble();
                System.arraycopy(g, 0, out, 1, g.length);
                return out;
            }
        }
    }

    /** Weights w = n·softmax(θ) after {@code steps} Adam steps (lr {@code lr}) on L_dec from θ = 0; {@code history} (if not null) receives L_dec before each step and at the end. */
    public static double[] learn(double[][][] features, int[] clusters, int steps, double lr, double[] history) {
        int n = features[0].length;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = layout(manager, features);
            NDArray mask = mask(manager, clusters, features[0][0].length);
            NDArray theta = manager.zeros(new Shape(n), DataType.FLOAT64);
            theta.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build();
            for (int t = 0; t <= steps; t++) {
                try (NDManager scope = manager.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray w = Scalars.mul(theta.softmax(0), n);
                        NDArray l = loss(m, mask, w);
                        l.attach(scope);
                        if (history != null) {
                            history[t] = l.getDouble();
                        }
                        if (t == steps) {
                            break;
                        }
                        gc.backward(l);
                    }
                    try (NDArray g = theta.getGradient()) {
                        adam.update("theta", theta, g);
                    }
                }
            }
            NDArray w = Scalars.mul(theta.stopGradient().softmax(0), n);
            return w.toDoubleArray();
        }
    }

    /** The effective sample size (Σw)²/Σw². */
    public static double effectiveSampleSize(double[] w) {
        double s = 0;
        double s2 = 0;
        for (double v : w) {
            s += v;
            s2 += v * v;
        }
        return s * s / s2;
    }

    private static NDArray layout(NDManager manager, double[][][] features) {
        int p = features.length;
        int n = features[0].length;
        int q = features[0][0].length;
        double[] flat = new double[n * p * q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (features[j].length != n || features[j][i].length != q) {
                    throw new IllegalArgumentException("features: variable " + j + " has a different shape from variable 0");
                }
                System.arraycopy(features[j][i], 0, flat, (i * p + j) * q, q);
            }
        }
        return manager.create(flat, new Shape(n, (long) p * q));
    }

    /** 1 at (row, column) when the row's variable comes before the column's and the two are in different clusters. */
    private static NDArray mask(NDManager manager, int[] clusters, int q) {
        int size = clusters.length * q;
        double[] mask = new double[size * size];
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                int j = a / q;
                int k = b / q;
                mask[a * size + b] = j < k && clusters[j] != clusters[k] ? 1 : 0;
            }
        }
        return manager.create(mask, new Shape(size, size));
    }
}
