package dev.losslab.train.autolrs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The Bayesian-optimisation proposer of AutoLRS (paper 33, spec 33) in the κ → ∞ limit of its LCB
 * acquisition (the code uses κ = 1e6): a Gaussian process with an RBF kernel k(u, u') =
 * exp(−(u − u')²/(2ℓ²)) (unit variance, jitter 1e-6) on u ∈ [0, 1] (the normalised log-rate); the
 * first point is uniform random, every next one maximises the posterior standard deviation on a
 * 1,001-point grid (its observed values do not change where it looks). The winner of a stage is
 * the best observation, not the acquisition.
 */
public final class GpExplorer {
    private final double lengthScale;
    private final Random rng;
    private final List<Double> tried = new ArrayList<>();

    public GpExplorer(double lengthScale, Random rng) {
        if (!(lengthScale > 0)) {
            throw new IllegalArgumentException("lengthScale must be > 0, got " + lengthScale);
        }
        this.lengthScale = lengthScale;
        this.rng = rng;
    }

    /** The next point u ∈ [0, 1] to try. */
    public double next() {
        double u;
        if (tried.isEmpty()) {
            u = rng.nextDouble();
        } else {
            u = 0;
            double best = -1;
            for (int g = 0; g <= 1000; g++) {
                double v = posteriorVariance(g / 1000.0);
                if (v > best) {
                    best = v;
                    u = g / 1000.0;
                }
            }
        }
        tried.add(u);
        return u;
    }

    /** The GP posterior variance at u given the points tried so far. */
    public double posteriorVariance(double u) {
        int n = tried.size();
        if (n == 0) {
            return 1;
        }
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        DMatrixRMaj ks = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k.set(i, j, kernel(tried.get(i), tried.get(j)) + (i == j ? 1e-6 : 0));
            }
            ks.set(i, 0, kernel(tried.get(i), u));
        }
        DMatrixRMaj solved = new DMatrixRMaj(n, 1);
        if (!CommonOps_DDRM.solve(k, ks, solved)) {
            return 0;
        }
        double reduce = 0;
        for (int i = 0; i < n; i++) {
            reduce += ks.get(i, 0) * solved.get(i, 0);
        }
        return Math.max(0, 1 - reduce);
    }

    private double kernel(double a, double b) {
        return Math.exp(-(a - b) * (a - b) / (2 * lengthScale * lengthScale));
    }
}
