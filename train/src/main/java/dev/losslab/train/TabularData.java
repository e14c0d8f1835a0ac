package dev.losslab.train;

import java.util.Arrays;

/**
 * A classification data set held in memory: features [N, D] and labels [N] in [0, numClasses).
 *
 * @param x features, one row per sample
 * @param y class labels
 * @param numClasses number of classes C
 */
public record TabularData(float[][] x, int[] y, int numClasses) {

    public TabularData {
        if (x.length != y.length) {
            throw new IllegalArgumentException("features have " + x.length + " rows but labels " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("empty data set");
        }
        for (int label : y) {
            if (label < 0 || label >= numClasses) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + numClasses + ")");
            }
        }
    }

    public int size() {
        return y.length;
    }

    public int dim() {
        return x[0].length;
    }

    /** The rows at {@code idx}, in that order. */
    public TabularData subset(int[] idx) {
        float[][] sx = new float[idx.length][];
        int[] sy = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            sx[i] = x[idx[i]];
            sy[i] = y[idx[i]];
        }
        return new TabularData(sx, sy, numClasses);
    }

    /** The same features with other labels (e.g. after noise injection). */
    public TabularData withLabels(int[] labels) {
        return new TabularData(x, labels, numClasses);
    }

    /** Per-class counts. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        Arrays.stream(y).forEach(v -> c[v]++);
        return c;
    }
}
