package dev.losslab.lab.kernel;

/**
 * The limits and references of paper 41 on the unit sphere, labels in {−1, +1}: 1-nearest
 * neighbour (largest cosine), majority vote, and Devroye's Hilbert kernel classifier
 * f(x) = Σ_i y_i (2 − 2 x_iᵀx)^{−d/2} with d = D − 1 (sign(f), f ≥ 0 → +1).
 */
public final class ReferenceClassifiers {
    private ReferenceClassifiers() {}

    /** 1-NN from inner products K(X_test, X_train). */
    public static double[] nearestNeighbour(double[][] gramTestTrain, double[] y) {
        double[] p = new double[gramTestTrain.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int j = 1; j < y.length; j++) {
                if (gramTestTrain[i][j] > gramTestTrain[i][best]) {
                    best = j;
                }
            }
            p[i] = y[best];
        }
        return p;
    }

    /** The training majority for every test point (+1 on ties). */
    public static double[] majority(int tests, double[] y) {
        double s = java.util.Arrays.stream(y).sum();
        double[] p = new double[tests];
        java.util.Arrays.fill(p, s < 0 ? -1 : 1);
        return p;
    }

    /** Hilbert-kernel scores Σ_i y_i (2 − 2 x_iᵀx)^{−d/2}. */
    public static double[] hilbertScores(double[][] gramTestTrain, double[] y, int d) {
        double[] f = new double[gramTestTrain.length];
        for (int i = 0; i < f.length; i++) {
            double s = 0;
            for (int j = 0; j < y.length; j++) {
                s += y[j] * Math.pow(2 - 2 * gramTestTrain[i][j], -d / 2.0);
            }
            f[i] = s;
        }
        return f;
    }
}
