package dev.losslab.lab.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Minimum-norm kernel interpolation (no ridge), the classifier an infinitely wide network trained
 * to convergence implements (paper 41): solve K_train·c = y, then f(x) = cᵀk(X_train, x) and
 * ŷ = +1 if f ≥ 0 else −1 (the official rule). Solved with EJML's LU.
 */
public final class KernelInterpolationClassifier {
    private final double[] coefficients;

    private KernelInterpolationClassifier(double[] coefficients) {
        this.coefficients = coefficients;
    }

    /**
     * @param kTrain K(X_train, X_train) [n][n] (for an NNGP set its diagonal to 1 first)
     * @param y labels in {−1, +1}
     */
    public static KernelInterpolationClassifier fit(double[][] kTrain, double[] y) {
        DMatrixRMaj k = new DMatrixRMaj(kTrain);
        DMatrixRMaj b = new DMatrixRMaj(y.length, 1, true, y);
        DMatrixRMaj c = new DMatrixRMaj(y.length, 1);
        if (!CommonOps_DDRM.solve(k, b, c)) {
            throw new IllegalStateException("singular kernel matrix");
        }
        return new KernelInterpolationClassifier(c.data);
    }

    /** f for each row of K(X_test, X_train) [m][n]. */
    public double[] decision(double[][] kTestTrain) {
        double[] f = new double[kTestTrain.length];
        for (int i = 0; i < f.length; i++) {
            double s = 0;
            for (int j = 0; j < coefficients.length; j++) {
                s += kTestTrain[i][j] * coefficients[j];
            }
            f[i] = s;
        }
        return f;
    }

    public double[] predict(double[][] kTestTrain) {
        return java.util.Arrays.stream(decision(kTestTrain)).map(v -> v < 0 ? -1 : 1).toArray();
    }
}
