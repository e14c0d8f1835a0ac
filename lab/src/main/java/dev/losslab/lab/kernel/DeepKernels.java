package dev.losslab.lab.kernel;

import java.util.function.DoubleUnaryOperator;

/**
 * Infinitely wide networks of depth L as kernels on unit-norm inputs (paper 41): the NNGP
 * Σ^l = ǒ(Σ^{l−1}) and the NTK Θ^l = ǒ(Σ^{l−1}) + Θ^{l−1}·ǒ'(Σ^{l−1}), from Σ⁰ = Θ⁰ = xᵀx'. Σ is
 * clipped to [−1, 1] after every step (the official code clips only Σ⁰; spec 41 recommends this,
 * which changes no value on its examples and avoids NaN from arcsin just outside [−1, 1]).
 */
public final class DeepKernels {
    private DeepKernels() {}

    /** Σ^L for a matrix of inner products (modified copy). */
    public static double[][] nngp(double[][] gram, int depth, DualActivation act) {
        return elementwise(gram, g -> {
            double v = clip(g);
            for (int l = 0; l < depth; l++) {
                v = clip(act.value(v));
            }
            return v;
        });
    }

    /** Θ^L for a matrix of inner products. */
    public static double[][] ntk(double[][] gram, int depth, DualActivation act) {
        return elementwise(gram, g -> {
            double sigma = clip(g);
            double theta = sigma;
            for (int l = 0; l < depth; l++) {
                theta = act.value(sigma) + theta * act.derivative(sigma);
                sigma = clip(act.value(sigma));
            }
            return theta;
        });
    }

    /** f applied to every entry of a (possibly ragged) matrix, as a new matrix. */
    private static double[][] elementwise(double[][] m, DoubleUnaryOperator f) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = java.util.Arrays.stream(m[i]).map(f).toArray();
        }
        return out;
    }

    /** Inner products a_i·b_j. */
    public static double[][] gram(double[][] a, double[][] b) {
        double[][] g = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double s = 0;
                for (int k = 0; k < a[i].length; k++) {
                    s += a[i][k] * b[j][k];
                }
                g[i][j] = s;
            }
        }
        return g;
    }

    private static double clip(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
