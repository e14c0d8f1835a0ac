package dev.losslab.lab.kernel;

import java.util.Random;

/**
 * The synthetic task of paper 41 (official {@code main.py}): class +1 ~ Dirichlet(α1) with prior
 * 0.4, class −1 ~ Dirichlet(α2), drawn on the simplex and L2-normalised onto the sphere S^{D−1};
 * exactly ⌊0.4·n⌋ points of class +1, then shuffled. The Bayes classifier compares
 * log 0.4 + log Dir(s; α1) with log 0.6 + log Dir(s; α2), s the simplex point (x/Σx).
 *
 * @param alpha1 Dirichlet parameters of class +1
 * @param alpha2 Dirichlet parameters of class −1
 */
public record DirichletSphereData(double[] alpha1, double[] alpha2) {
    public static final double PRIOR = 0.4;

    /** The official parameter pairs for D = 2, 3, 5, 9. */
    public static DirichletSphereData forDimension(int d) {
        switch (d) {
            case 2:
                return new DirichletSphereData(new double[] {1, 2}, new double[] {2, 1});
            case 3:
                return new DirichletSphereData(new double[] {0.5, 0.5, 2.5}, new double[] {2.5, 0.1, 0.5});
            case 5:
                return new DirichletSphereData(new double[] {3, 1, 2, 1, 1}, new double[] {1, 2, 2, 2, 3});
            case 9:
                return new DirichletSphereData(new double[] {1, 2, 1, 2, 1, 1, 1, 1, 1}, new double[] {1, 1, 1, 2, 3, 4, 2, 2, 1});
            default:
                throw new IllegalArgumentException("no official Dirichlet parameters for D = " + d);
        }
    }

    /**
     * n points on the sphere with labels in {−1, +1}.
     *
     * @param x points [n][D]
     * @param y labels
     */
    public record Sample(double[][] x, double[] y) {}

    public Sample sample(int n, Random rng) {
        int positives = (int) Math.floor(PRIOR * n);
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i < positives;
            x[i] = sphere(dirichlet(pos ? alpha1 : alpha2, rng));
            y[i] = pos ? 1 : -1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double[] tx = x[i];
            x[i] = x[j];
            x[j] = tx;
            double ty = y[i];
            y[i] = y[j];
            y[j] = ty;
        }
        return new Sample(x, y);
    }

    /** Bayes-optimal labels. */
    public double[] bayes(double[][] x) {
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (double v : x[i]) {
                sum += v;
            }
            double[] s = new double[x[i].length];
            for (int k = 0; k < s.length; k++) {
                s[k] = x[i][k] / sum;
            }
            double a = Math.log(PRIOR) + logDensity(s, alpha1);
            double b = Math.log(1 - PRIOR) + logDensity(s, alpha2);
            p[i] = a >= b ? 1 : -1;
        }
        return p;
    }

    static double logDensity(double[] s, double[] alpha) {
        double total = 0;
        double v = 0;
        for (int k = 0; k < alpha.length; k++) {
            total += alpha[k];
            v += (alpha[k] - 1) * Math.log(s[k]) - logGamma(alpha[k]);
        }
        return v + logGamma(total);
    }

    /** log Γ(z) for z &gt; 0 (Lanczos, g = 7, 9 terms; relative error ~1e-15). */
    static double logGamma(double z) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        double x = c[0];
        double zz = z - 1;
        for (int i = 1; i < 9; i++) {
            x += c[i] / (zz + i);
        }
        double t = zz + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(x);
    }

    static double[] dirichlet(double[] alpha, Random rng) {
        double[] g = new double[alpha.length];
        double sum = 0;
        for (int k = 0; k < alpha.length; k++) {
            g[k] = gamma(alpha[k], rng);
            sum += g[k];
        }
        for (int k = 0; k < g.length; k++) {
            g[k] /= sum;
        }
        return g;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), boosted for shape &lt; 1. */
    static double gamma(double shape, Random rng) {
        if (shape < 1) {
            return gamma(shape + 1, rng) * Math.pow(rng.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = rng.nextGaussian();
            double v = Math.pow(1 + c * z, 3);
            if (v <= 0) {
                continue;
            }
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double[] sphere(double[] s) {
        double n = 0;
        for (double v : s) {
            n += v * v;
        }
        n = Math.sqrt(n);
        double[] x = new double[s.length];
        for (int k = 0; k < s.length; k++) {
            x[k] = s[k] / n;
        }
        return x;
    }
}
