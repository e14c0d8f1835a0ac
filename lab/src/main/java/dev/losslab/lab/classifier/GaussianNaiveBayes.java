package dev.losslab.lab.classifier;

/**
 * Gaussian naive Bayes with a shared diagonal covariance, the generative linear probe of paper 07
 * (Zheng et al., ICML 2023, official {@code gaussnb.py}): μ_k = class means, π_k = m_k/m,
 * per-class variances v_kj = (1/m_k) Σ_{i∈k} (x_ij − μ_kj)² + 1e-9 (plain additive smoothing),
 * pooled σ_j² = Σ_k π_k v_kj, and score_k(x) = log π_k − ½ Σ_j (x_j − μ_kj)²/σ_j² (the class-free
 * −½Σ log 2πσ_j² is omitted). Linear in x. Supports incremental fitting ({@link #partialFit}).
 */
public final class GaussianNaiveBayes {
    static final double VAR_SMOOTHING = 1e-9;

    private final int classes;
    private final int features;
    private final double[] counts;
    private final double[][] means;
    private final double[][] variances;

    public GaussianNaiveBayes(int classes, int features) {
        this.classes = classes;
        this.features = features;
        this.counts = new double[classes];
        this.means = new double[classes][features];
        this.variances = new double[classes][features];
    }

    /** Fits from scratch. */
    public static GaussianNaiveBayes fit(double[][] x, int[] y, int classes) {
        GaussianNaiveBayes nb = new GaussianNaiveBayes(classes, x[0].length);
        nb.partialFit(x, y);
        return nb;
    }

    /**
     * Adds a chunk: c = c_old + c_new; μ = (c_old μ_old + c_new μ_new)/c;
     * v = [c_old v_old + c_new v_new + (c_old c_new/c)(μ_old − μ_new)²]/c. Classes absent from the
     * chunk keep their statistics.
     */
    public void partialFit(double[][] x, int[] y) {
        for (int k = 0; k < classes; k++) {
            int n = 0;
            double[] mu = new double[features];
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    n++;
                    for (int j = 0; j < features; j++) {
                        mu[j] += x[i][j];
                    }
                }
            }
            if (n == 0) {
                continue;
            }
            double[] v = new double[features];
            for (int j = 0; j < features; j++) {
                mu[j] /= n;
            }
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    for (int j = 0; j < features; j++) {
                        double d = x[i][j] - mu[j];
                        v[j] += d * d / n;
                    }
                }
            }
            double old = counts[k];
            double total = old + n;
            for (int j = 0; j < features; j++) {
                double newVar = v[j] + VAR_SMOOTHING;
                if (old == 0) {
                    means[k][j] = mu[j];
                    variances[k][j] = newVar;
                } else {
                    double dm = means[k][j] - mu[j];
                    variances[k][j] = (old * variances[k][j] + n * newVar + old * n / total * dm * dm) / total;
                    means[k][j] = (old * means[k][j] + n * mu[j]) / total;
                }
            }
            counts[k] = total;
        }
    }

    /** The pooled variance σ_j² = Σ_k π_k v_kj. */
    public double[] sharedVariance() {
        double total = java.util.Arrays.stream(counts).sum();
        double[] s = new double[features];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < features; j++) {
                s[j] += counts[k] / total * variances[k][j];
            }
        }
        return s;
    }

    public double[][] means() {
        return means;
    }

    /** score_k(x) for every class. */
    public double[] scores(double[] x) {
        double total = java.util.Arrays.stream(counts).sum();
        double[] var = sharedVariance();
        double[] s = new double[classes];
        for (int k = 0; k < classes; k++) {
            double q = 0;
            for (int j = 0; j < features; j++) {
                double d = x[j] - means[k][j];
                q += d * d / var[j];
            }
            s[k] = (counts[k] > 0 ? Math.log(counts[k] / total) : Double.NEGATIVE_INFINITY) - 0.5 * q;
        }
        return s;
    }

    public int predict(double[] x) {
        return Argmax.of(scores(x));
    }
}
