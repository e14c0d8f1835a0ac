package dev.losslab.lab.classifier;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Truncated-SVD compression of embeddings (paper 25, spec 25: BERT's 768-d vectors to FastText's
 * 300): fitted on training rows only, it centres with their mean μ, takes the top-k right singular
 * vectors V_k of (X_train − μ), and maps x ↦ (x − μ)·V_k. Spec 25 marks centring and the fit scope as
 * uncertain; centring (PCA) and a fit per training fold are the choices made here.
 */
public final class SvdCompressor {
    private final double[] mean;
    private final double[][] components;

    private SvdCompressor(double[] mean, double[][] components) {
        this.mean = mean;
        this.components = components;
    }

    /** Fits on {@code x} (rows = samples), keeping {@code k} ≤ min(rows, columns) directions. */
    public static SvdCompressor fit(double[][] x, int k) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        if (k < 1 || k > Math.min(n, d)) {
            throw new IllegalArgumentException("k must be in [1, min(rows, columns)] = [1, " + Math.min(n, d) + "], got " + k);
        }
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.set(i, j, x[i][j] - mean[j]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        if (!svd.decompose(centred)) {
            throw new IllegalStateException("SVD did not converge");
        }
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        double[][] components = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                components[c][j] = vt.get(c, j);
            }
        }
        return new SvdCompressor(mean, components);
    }

    /** (x − μ)·V_k for every row. */
    public double[][] transform(double[][] x) {
        double[][] out = new double[x.length][components.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != mean.length) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " columns, the compressor was fitted on " + mean.length);
            }
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    s += (x[i][j] - mean[j]) * components[c][j];
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    public int dimensions() {
        return components.length;
    }
}
