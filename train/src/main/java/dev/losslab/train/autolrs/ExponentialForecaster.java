package dev.losslab.train.autolrs;

/**
 * AutoLRS's loss forecaster (paper 33, Jin et al., ICLR 2021, spec 33; the official
 * {@code exp_forecast}): L(t) = a·e^{bt} + c with b = −e^β &lt; 0. For a given β, (a, c) solve the
 * linear least squares on the columns [e^{bt}, 1]; β minimises the residual sum of squares by
 * Nelder–Mead from β = 0, as the code does ({@link #fit}).
 * {@link #smooth} is spec 33's documented substitute for the code's smoothing spline: a quadratic
 * least-squares fit refitted 10 times, each pass dropping the ⌊3%·n⌋ largest |residuals| among the
 * points of the first half, evaluated at every t.
 *
 * @param a scale
 * @param b rate (negative)
 * @param c asymptote
 */
public record ExponentialForecaster(double a, double b, double c) {
    private static final double TOLERANCE = 1e-5;

    /** The loss predicted at step t. */
    public double predict(double t) {
        return a * Math.exp(b * t) + c;
    }

    /**
     * Fits the model to losses[i] at t = i: β by a one-dimensional Nelder–Mead search from β = 0 as
     * scipy's {@code minimize(method='Nelder-Mead')} runs it in the official code: initial simplex
     * {0, 0.00025}, reflection 1, expansion 2, outside/inside contraction ½, shrink ½, and the code's
     * tolerances xtol = ftol = 1e-5 (both must hold), at most 200 iterations. A local search on
     * purpose: the global minimum of a slowly decreasing series is often the near-linear limit b → 0,
     * whose forecast extrapolates the trend without bound.
     */
    public static ExponentialForecaster fit(double[] losses) {
        return fit(losses, TOLERANCE);
    }

    /** As {@link #fit(double[])} with Nelder–Mead's xtol = ftol = {@code tolerance}. */
    public static ExponentialForecaster fit(double[] losses, double tolerance) {
        if (losses.length < 3) {
            throw new IllegalArgumentException("losses: need at least 3 points to fit a·exp(bt) + c, got " + losses.length);
        }
        double[] x = {0, 0.00025};
        double[] fx = {rss(losses, x[0]), rss(losses, x[1])};
        for (int it = 0; it < (tolerance < TOLERANCE ? 2000 : 200); it++) {
            if (fx[1] < fx[0]) {
                double t = x[0];
                x[0] = x[1];
                x[1] = t;
                t = fx[0];
                fx[0] = fx[1];
                fx[1] = t;
            }
            if (Math.abs(x[1] - x[0]) <= tolerance && Math.abs(fx[1] - fx[0]) <= tolerance) {
                break;
            }
            double reflected = 2 * x[0] - x[1];
            double fr = rss(losses, reflected);
            if (fr < fx[0]) {
                double expanded = 3 * x[0] - 2 * x[1];
                double fe = rss(losses, expanded);
                x[1] = fe < fr ? expanded : reflected;
                fx[1] = Math.min(fe, fr);
                continue;
            }
            double candidate;
            double fc;
            boolean accept;
            if (fr < fx[1]) {
                candidate = 1.5 * x[0] - 0.5 * x[1];
                fc = rss(losses, candidate);
                accept = fc <= fr;
            } else {
                candidate = 0.5 * x[0] + 0.5 * x[1];
                fc = rss(losses, candidate);
                accept = fc < fx[1];
            }
            if (accept) {
                x[1] = candidate;
                fx[1] = fc;
            } else {
                x[1] = x[0] + 0.5 * (x[1] - x[0]);
                fx[1] = rss(losses, x[1]);
            }
        }
        double beta = fx[0] <= fx[1] ? x[0] : x[1];
        double b = -Math.exp(Math.max(-30, Math.min(10, beta)));
        double[] ac = linear(losses, b);
        return new ExponentialForecaster(ac[0], b, ac[1]);
    }

    private static double rss(double[] losses, double beta) {
        double b = -Math.exp(Math.max(-30, Math.min(10, beta)));
        double[] ac = linear(losses, b);
        double s = 0;
        for (int t = 0; t < losses.length; t++) {
            double r = ac[0] * Math.exp(b * t) + ac[1] - losses[t];
            s += r * r;
        }
        return s;
    }

    /** (a, c) minimising Σ (a·e^{bt} + c − L_t)². */
    private static double[] linear(double[] losses, double b) {
        int n = losses.length;
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double sxy = 0;
        for (int t = 0; t < n; t++) {
            double x = Math.exp(b * t);
            sx += x;
            sxx += x * x;
            sy += losses[t];
            sxy += x * losses[t];
        }
        double det = n * sxx - sx * sx;
        if (Math.abs(det) < 1e-300) {
            return new double[] {0, sy / n};
        }
        double a = (n * sxy - sx * sy) / det;
        return new double[] {a, (sy - a * sx) / n};
    }

    /** The robust quadratic smoothing of losses[i] at t = i (passes, each dropping the worst 3% of the first half). */
    public static double[] smooth(double[] losses, int passes) {
        return smooth(losses, passes, (int) (0.03 * losses.length));
    }

    /** The robust quadratic smoothing with {@code drop} points of the first half removed per pass (validation mode: 1 pass, 1 point). */
    public static double[] smooth(double[] losses, int passes, int drop) {
        int n = losses.length;
        boolean[] kept = new boolean[n];
        java.util.Arrays.fill(kept, true);
        double[] coef = quadratic(losses, kept);
        for (int pass = 0; pass < passes; pass++) {
            for (int d = 0; d < drop; d++) {
                int worst = -1;
                double worstResidual = -1;
                for (int t = 0; t < n / 2; t++) {
                    if (!kept[t]) {
                        continue;
                    }
                    double r = Math.abs(coef[0] + coef[1] * t + coef[2] * t * t - losses[t]);
                    if (r > worstResidual) {
                        worstResidual = r;
                        worst = t;
                    }
                }
                if (worst >= 0) {
                    kept[worst] = false;
                }
            }
            coef = quadratic(losses, kept);
        }
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = coef[0] + coef[1] * t + coef[2] * t * t;
        }
        return out;
    }

    /** Least-squares c0 + c1·t + c2·t² over the kept points (normal equations, 3 × 3). */
    private static double[] quadratic(double[] y, boolean[] kept) {
        double[][] m = new double[3][4];
        for (int t = 0; t < y.length; t++) {
            if (!kept[t]) {
                continue;
            }
            double[] phi = {1, t, (double) t * t};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += phi[i] * phi[j];
                }
                m[i][3] += phi[i] * y[t];
            }
        }
        for (int col = 0; col < 3; col++) {
            int pivot = col;
            for (int r = col + 1; r < 3; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < 3; r++) {
                if (r != col && m[col][col] != 0) {
                    double f = m[r][col] / m[col][col];
                    for (int k = col; k < 4; k++) {
                        m[r][k] -= f * m[col][k];
                    }
                }
            }
        }
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            c[i] = m[i][i] == 0 ? 0 : m[i][3] / m[i][i];
        }
        return c;
    }
}
