package dev.losslab.lab.kernel;

import dev.losslab.core.InvalidArgumentException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Weighted self-distillation in kernel ridge regression (paper 32, Borup and Andersen 2021, spec 32,
 * the official {@code toy_example.ipynb}). With an RBF kernel K_ij = exp(−γ‖x_i − x_j‖²), ridge λ
 * (sum-of-squares convention) and ground-truth weight α, step t fits plain KRR to the mixed target
 * m_t = α·y + (1 − α)·ŷ^(t−1) (ŷ^(0) = y): f_t(x) = k(x)ᵀ(K + λI)⁻¹m_t, ŷ^(t) = K(K + λI)⁻¹m_t. In the
 * eigenbasis K = V D Vᵀ with a_k = d_k/(d_k + λ), ŷ^(t) = V B_t Vᵀ y, B_1 = A, B_{t+1} = A((1 − α)B_t + αI);
 * as t → ∞ (α &gt; 0) b_k → α d_k/(α d_k + λ), i.e. KRR with λ/α; α = 0 collapses to zero. The
 * step-t fit is affine in α, so the α minimising the squared error to a reference g on some points is
 * α* = ⟨p₁ − p₀, g − p₀⟩/‖p₁ − p₀‖² with p₁ (p₀) the step fit to y (to ŷ^(t−1)) there (spec 32's
 * derivation, unconstrained).
 */
public final class SelfDistilledKrr {
    private final double[][] x;
    private final double[] y;
    private final double gamma;
    private final double lambda;
    private final DMatrixRMaj k;
    private final DMatrixRMaj regularised;

    /**
     * @param x training points [n][d]
     * @param y targets [n]
     * @param gamma RBF width γ &gt; 0
     * @param lambda ridge λ &gt; 0
     */
    public SelfDistilledKrr(double[][] x, double[] y, double gamma, double lambda) {
        if (x.length == 0 || x.length != y.length) {
            throw new InvalidArgumentException("y", "expected " + x.length + " targets for " + x.length + " points, got " + y.length);
        }
        if (!(gamma > 0) || !(lambda > 0)) {
            throw new InvalidArgumentException(!(gamma > 0) ? "gamma" : "lambda", "must be > 0");
        }
        this.x = x;
        this.y = y.clone();
        this.gamma = gamma;
        this.lambda = lambda;
        this.k = kernel(x, x);
        this.regularised = k.copy();
        for (int i = 0; i < x.length; i++) {
            regularised.add(i, i, lambda);
        }
    }

    /** The kernel matrix [rows of a][rows of b]. */
    DMatrixRMaj kernel(double[][] a, double[][] b) {
        DMatrixRMaj m = new DMatrixRMaj(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double d2 = 0;
                for (int c = 0; c < a[i].length; c++) {
                    d2 += (a[i][c] - b[j][c]) * (a[i][c] - b[j][c]);
                }
                m.set(i, j, Math.exp(-gamma * d2));
            }
        }
        return m;
    }

    /** The KRR coefficients (K + ridge·I)⁻¹·target. */
    private double[] coefficients(double[] target, double ridge) {
        DMatrixRMaj a = k.copy();
        for (int i = 0; i < x.length; i++) {
            a.add(i, i, ridge);
        }
        DMatrixRMaj c = new DMatrixRMaj(x.length, 1);
        if (!CommonOps_DDRM.solve(ridge == lambda ? regularised : a, new DMatrixRMaj(x.length, 1, true, target), c)) {
            throw new IllegalStateException("K + λI is singular");
        }
        return c.data;
    }

    /** k(u)ᵀ·coefficients at the points {@code u}. */
    private double[] predict(double[] coefficients, double[][] u) {
        DMatrixRMaj out = new DMatrixRMaj(u.length, 1);
        CommonOps_DDRM.mult(kernel(u, x), new DMatrixRMaj(x.length, 1, true, coefficients), out);
        return out.data;
    }

    /** The coefficients of steps 1..T with weight α (index t − 1). */
    public double[][] steps(double alpha, int steps) {
        checkAlpha(alpha);
        double[][] coefs = new double[steps][];
        double[] previous = y;
        for (int t = 0; t < steps; t++) {
            double[] m = new double[y.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = alpha * y[i] + (1 - alpha) * previous[i];
            }
            coefs[t] = coefficients(m, lambda);
            previous = predict(coefs[t], x);
        }
        return coefs;
    }

    /** f at the points {@code u} for coefficients {@code coefficients}. */
    public double[] evaluate(double[] coefficients, double[][] u) {
        return predict(coefficients, u);
    }

    /** The t → ∞ coefficients for α &gt; 0: KRR with ridge λ/α. */
    public double[] limit(double alpha) {
        checkAlpha(alpha);
        if (alpha == 0) {
            return new double[y.length];
        }
        return coefficients(y, lambda / alpha);
    }

    /** Training predictions ŷ^(t) from the first fit's eigenbasis (spec 32's B recursion). */
    public double[] trainingPredictionsByEigenbasis(double alpha, int t) {
        checkAlpha(alpha);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(x.length, true, true);
        if (!eig.decompose(k.copy())) {
            throw new IllegalStateException("eigendecomposition failed");
        }
        double[] out = new double[y.length];
        for (int j = 0; j < x.length; j++) {
            double d = eig.getEigenvalue(j).getReal();
            DMatrixRMaj v = eig.getEigenVector(j);
            double norm = Math.sqrt(CommonOps_DDRM.dot(v, v));
            double a = d / (d + lambda);
            double b = a;
            for (int s = 1; s < t; s++) {
                b = a * ((1 - alpha) * b + alpha);
            }
            double proj = 0;
            for (int i = 0; i < y.length; i++) {
                proj += v.get(i) / norm * y[i];
            }
            for (int i = 0; i < y.length; i++) {
                out[i] += b * proj * v.get(i) / norm;
            }
        }
        return out;
    }

    /**
     * α* for step t ≥ 2 after {@code previousCoefficients} (step t − 1): the minimiser of Σ (f_t^α(u) − g)² over the points {@code u}.
     */
    public double optimalAlpha(double[] previousCoefficients, double[][] u, double[] g) {
        double[] previous = predict(previousCoefficients, x);
        double[] p1 = predict(coefficients(y, lambda), u);
        double[] p0 = predict(coefficients(previous, lambda), u);
        double num = 0;
        double den = 0;
        for (int i = 0; i < u.length; i++) {
            num += (p1[i] - p0[i]) * (g[i] - p0[i]);
            den += (p1[i] - p0[i]) * (p1[i] - p0[i]);
        }
        return num / den;
    }

    /** Coefficients of one step with weight α from {@code previousCoefficients}. */
    public double[] step(double[] previousCoefficients, double alpha) {
        double[] previous = predict(previousCoefficients, x);
        double[] m = new double[y.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = alpha * y[i] + (1 - alpha) * previous[i];
        }
        return coefficients(m, lambda);
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidArgumentException("alpha", "must lie in [0, 1], got " + alpha);
        }
    }
}
