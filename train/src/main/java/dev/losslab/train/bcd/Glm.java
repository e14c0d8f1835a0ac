package dev.losslab.train.bcd;

/** Least squares or binary logistic regression on rows a_i (see {@link SmoothObjective}). */
final class Glm implements SmoothObjective {
    private final double[][] a;
    private final double[] b;
    private final boolean logistic;
    private final double[][] bound;

    Glm(double[][] a, double[] b, boolean logistic) {
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException("A and b must be non-empty with one row per target, got " + a.length + " and " + b.length);
        }
        this.a = a;
        this.b = b;
        this.logistic = logistic;
        int p = a[0].length;
        bound = new double[p][p];
        for (double[] row : a) {
            for (int i = 0; i < p; i++) {
                if (row[i] == 0) {
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    bound[i][j] += row[i] * row[j];
                }
            }
        }
        if (logistic) {
            for (double[] row : bound) {
                for (int j = 0; j < p; j++) {
                    row[j] *= 0.25;
                }
            }
        }
    }

    private double[] products(double[] x) {
        double[] z = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                z[i] += a[i][j] * x[j];
            }
        }
        return z;
    }

    @Override
    public double value(double[] x) {
        double[] z = products(x);
        double f = 0;
        for (int i = 0; i < z.length; i++) {
            if (logistic) {
                double m = -b[i] * z[i];
                f += m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
            } else {
                f += 0.5 * (z[i] - b[i]) * (z[i] - b[i]);
            }
        }
        return f;
    }

    @Override
    public double[] gradient(double[] x) {
        double[] z = products(x);
        double[] g = new double[x.length];
        for (int i = 0; i < z.length; i++) {
            double r = logistic ? -b[i] / (1 + Math.exp(b[i] * z[i])) : z[i] - b[i];
            for (int j = 0; j < x.length; j++) {
                g[j] += r * a[i][j];
            }
        }
        return g;
    }

    @Override
    public double[][] hessianBound() {
        return bound;
    }

    /** Least squares: (AᵀA)_bb; logistic: Σ_i σ(m_i)(1 − σ(m_i))·a_ib a_ibᵀ with m_i = b_i a_iᵀx. */
    @Override
    public double[][] hessian(double[] x, int[] block) {
        double[][] out = new double[block.length][block.length];
        double[] z = logistic ? products(x) : null;
        for (int r = 0; r < a.length; r++) {
            double w = 1;
            if (logistic) {
                double s = 1 / (1 + Math.exp(-b[r] * z[r]));
                w = s * (1 - s);
            }
            for (int i = 0; i < block.length; i++) {
                double ai = a[r][block[i]];
                if (ai == 0) {
                    continue;
                }
                for (int j = 0; j < block.length; j++) {
                    out[i][j] += w * ai * a[r][block[j]];
                }
            }
        }
        return out;
    }

    @Override
    public int dimension() {
        return a[0].length;
    }
}
