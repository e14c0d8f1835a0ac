package dev.losslab.lab.classifier;

/**
 * L2-regularised logistic regression trained to convergence, the discriminative linear probe of
 * paper 07 (sklearn's {@code LogisticRegression(C=1, solver='lbfgs')}, as the official code uses):
 * for K ≥ 3 the multinomial objective C·Σ_i [logsumexp(W x_i + b) − (W x_i + b)_{y_i}] + ½‖W‖²_F;
 * for K = 2 sklearn's binary form C·Σ_i log(1 + exp(−s_i(w·x_i + b))) + ½‖w‖² with s_i = ±1.
 * The bias is not penalised and the data term is a sum, so regularisation weakens as m grows.
 * Minimised with {@link Lbfgs} from zeros until ‖∇‖₂ ≤ 1e-6 (at most 1,000 iterations, as sklearn's
 * max_iter).
 *
 * <p>It is also paper 25's "MLR" on fixed embeddings (spec 25: J(W, b) = ½‖W‖²_F + C·Σ_n −log
 * softmax(x_n W + b)_{y_n}, ∂J/∂W = W + C·Xᵀ(P − Y), ∂J/∂b = C·Σ_n (P_n − Y_n)), through
 * {@link #fitMultinomial}, which keeps the multinomial form for K = 2 as well. Starting from zeros
 * keeps Σ_k b_k = 0 (Σ_k ∂J/∂b_k = 0), so the unpenalised intercepts are the normalised ones, and at
 * the optimum each row of W sums to 0. Spec 25 stops on ‖∇J‖_∞ < 1e-6; the 2-norm used here is the
 * stricter test.
 */
public final class LogisticRegressionProbe {
    private final int classes;
    private final int features;
    private final double[] params;
    private final boolean multinomial;

    private LogisticRegressionProbe(int classes, int features, double[] params, boolean multinomial) {
        this.classes = classes;
        this.features = features;
        this.params = params;
        this.multinomial = multinomial;
    }

    /** sklearn's {@code LogisticRegression(C=c)}: the binary form for K = 2, multinomial above. */
    public static LogisticRegressionProbe fit(double[][] x, int[] y, int classes, double c) {
        return classes == 2 ? fit(x, y, classes, c, false) : fitMultinomial(x, y, classes, c);
    }

    /** Spec 25's MLR: the multinomial objective for every K ≥ 2. */
    public static LogisticRegressionProbe fitMultinomial(double[][] x, int[] y, int classes, double c) {
        return fit(x, y, classes, c, true);
    }

    private static LogisticRegressionProbe fit(double[][] x, int[] y, int classes, double c, boolean multinomial) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("x and y must be non-empty and of equal length, got " + x.length + " and " + y.length);
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("C must be > 0, got " + c);
        }
        for (int label : y) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ")");
            }
        }
        int n = x[0].length;
        double[] p = new double[(multinomial ? classes : 1) * (n + 1)];
        Lbfgs.minimize((w, g) -> multinomial ? multinomial(w, g, x, y, classes, c) : binary(w, g, x, y, c), p, 1e-6, 1000, 10);
        return new LogisticRegressionProbe(classes, n, p, multinomial);
    }

    /** W as a D × K matrix (for the binary form: column 0 zero, column 1 the fitted w). */
    public double[][] weights() {
        double[][] w = new double[features][classes];
        for (int k = 0; k < rows(); k++) {
            for (int j = 0; j < features; j++) {
                w[j][multinomial ? k : 1] = params[k * (features + 1) + j];
            }
        }
        return w;
    }

    /** The intercepts b (K values; for the binary form {0, b}). */
    public double[] intercepts() {
        double[] b = new double[classes];
        for (int k = 0; k < rows(); k++) {
            b[multinomial ? k : 1] = params[k * (features + 1) + features];
        }
        return b;
    }

    private int rows() {
        return multinomial ? classes : 1;
    }

    /** Objective and gradient of the binary form; parameters [w (n), b]. */
    static double binary(double[] p, double[] g, double[][] x, int[] y, double c) {
        int n = x[0].length;
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int j = 0; j < n; j++) {
            f += 0.5 * p[j] * p[j];
            g[j] = p[j];
        }
        for (int i = 0; i < x.length; i++) {
            double s = y[i] == 1 ? 1 : -1;
            double z = p[n];
            for (int j = 0; j < n; j++) {
                z += p[j] * x[i][j];
            }
            double m = -s * z;
            f += c * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
            double sig = 1 / (1 + Math.exp(-m));
            double coef = -c * s * sig;
            for (int j = 0; j < n; j++) {
                g[j] += coef * x[i][j];
            }
            g[n] += coef;
        }
        return f;
    }

    /** Objective and gradient of the multinomial form; parameters row k: [W_k (n), b_k]. */
    static double multinomial(double[] p, double[] g, double[][] x, int[] y, int classes, double c) {
        int n = x[0].length;
        int stride = n + 1;
        java.util.Arrays.fill(g, 0);
        double f = 0;
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < n; j++) {
                double w = p[k * stride + j];
                f += 0.5 * w * w;
                g[k * stride + j] = w;
            }
        }
        double[] z = new double[classes];
        for (int i = 0; i < x.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                z[k] = p[k * stride + n];
                for (int j = 0; j < n; j++) {
                    z[k] += p[k * stride + j] * x[i][j];
                }
                max = Math.max(max, z[k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(z[k] - max);
            }
            double lse = max + Math.log(sum);
            f += c * (lse - z[y[i]]);
            for (int k = 0; k < classes; k++) {
                double r = c * (Math.exp(z[k] - lse) - (k == y[i] ? 1 : 0));
                for (int j = 0; j < n; j++) {
                    g[k * stride + j] += r * x[i][j];
                }
                g[k * stride + n] += r;
            }
        }
        return f;
    }

    /** Class scores (for the binary form: {0, w·x + b}). */
    public double[] scores(double[] x) {
        double[] s = new double[classes];
        for (int k = 0; k < rows(); k++) {
            double z = params[k * (features + 1) + features];
            for (int j = 0; j < features; j++) {
                z += params[k * (features + 1) + j] * x[j];
            }
            s[multinomial ? k : 1] = z;
        }
        return s;
    }

    public int predict(double[] x) {
        return Argmax.of(scores(x));
    }
}
