package dev.losslab.lab.data;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.train.TabularData;
import java.util.Arrays;

/**
 * Turns each row of D real features into a sequence of D tokens, one per feature: the feature's
 * quantile bin among {@code bins} bins whose edges come from the training split, one-hot encoded
 * (spec 31: "each feature discretised into 10 bins and one-hot encoded, treated as a sequence").
 * The result is flattened to D·bins columns, token t occupying columns [t·bins, (t+1)·bins).
 *
 * <p>Bin of x: the number of interior edges e_j (the j/bins quantiles, j = 1..bins−1) with
 * e_j &lt; x; heavily tied features (e.g. mostly zeros) therefore use fewer distinct bins.
 */
public final class QuantileTokens {
    private final double[][] edges;
    private final int bins;

    private QuantileTokens(double[][] edges, int bins) {
        this.edges = edges;
        this.bins = bins;
    }

    /** Quantile edges per feature from {@code train}. */
    public static QuantileTokens fit(TabularData train, int bins) {
        if (bins < 2) {
            throw new InvalidArgumentException("bins", "must be at least 2, got " + bins);
        }
        if (train.size() == 0) {
            throw new InvalidArgumentException("train", "is empty");
        }
        int n = train.size();
        double[][] edges = new double[train.dim()][bins - 1];
        double[] column = new double[n];
        for (int f = 0; f < train.dim(); f++) {
            for (int i = 0; i < n; i++) {
                column[i] = train.x()[i][f];
            }
            Arrays.sort(column);
            for (int j = 1; j < bins; j++) {
                double pos = (double) j / bins * (n - 1);
                int lo = (int) Math.floor(pos);
                int hi = Math.min(n - 1, lo + 1);
                edges[f][j - 1] = column[lo] + (pos - lo) * (column[hi] - column[lo]);
            }
        }
        return new QuantileTokens(edges, bins);
    }

    public int bins() {
        return bins;
    }

    /** Bin index of value {@code x} of feature {@code f}. */
    public int bin(int f, double x) {
        int b = 0;
        for (double e : edges[f]) {
            if (e < x) {
                b++;
            }
        }
        return b;
    }

    /** The one-hot token sequence of every row, flattened to D·bins columns. */
    public TabularData apply(TabularData data) {
        if (data.dim() != edges.length) {
            throw new InvalidArgumentException("data", "has " + data.dim() + " features, the bins were fitted on " + edges.length);
        }
        float[][] x = new float[data.size()][edges.length * bins];
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < edges.length; f++) {
                x[i][f * bins + bin(f, data.x()[i][f])] = 1f;
            }
        }
        return new TabularData(x, data.y(), data.numClasses());
    }
}
