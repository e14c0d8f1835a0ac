package dev.losslab.lab.kernel;

/**
 * Spec 32's toy from the official notebook: 11 points x = 0, 0.1, …, 1 with fixed noisy targets
 * around sin 2πx, and the error of a fit as the mean over u = 0, 0.01, …, 1 of (f(u) − sin 2πu)².
 */
public final class SinusoidToy {
    public static final double[] Y = {0.38476636465198066, 1.2333967683416893, 1.33232242218057, 0.6920159488889518, -0.29756145531871736,
        -0.24189291901377769, -0.7964485769175675, -0.9616480167034174, -0.49672509509916934, -0.3469066003991437, 0.5589512650600734};
    public static final double[][] X = points(11, 0.1);
    public static final double[][] GRID = points(101, 0.01);

    private SinusoidToy() {}

    static double[][] points(int n, double step) {
        double[][] p = new double[n][1];
        for (int i = 0; i < n; i++) {
            p[i][0] = i * step;
        }
        return p;
    }

    /** Mean over the grid of (f(u) − sin 2πu)² for a fit with {@code coefficients}. */
    public static double error(SelfDistilledKrr krr, double[] coefficients) {
        double[] f = krr.evaluate(coefficients, GRID);
        double e = 0;
        for (int i = 0; i < f.length; i++) {
            double d = f[i] - Math.sin(2 * Math.PI * GRID[i][0]);
            e += d * d / f.length;
        }
        return e;
    }
}
