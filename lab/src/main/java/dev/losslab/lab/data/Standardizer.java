package dev.losslab.lab.data;

import dev.losslab.train.TabularData;

/** Per-feature z-scoring with statistics from the training set; constant features map to 0. */
public final class Standardizer {
    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    public static Standardizer fit(TabularData train) {
        int d = train.dim();
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (float[] row : train.x()) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
                sq[j] += (double) row[j] * row[j];
            }
        }
        double[] std = new double[d];
        int n = train.size();
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
            std[j] = Math.sqrt(Math.max(0, sq[j] / n - mean[j] * mean[j]));
        }
        return new Standardizer(mean, std);
    }

    public TabularData apply(TabularData data) {
        float[][] x = new float[data.size()][data.dim()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < data.dim(); j++) {
                x[i][j] = std[j] > 1e-12 ? (float) ((data.x()[i][j] - mean[j]) / std[j]) : 0f;
            }
        }
        return new TabularData(x, data.y(), data.numClasses());
    }
}
