package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic classification data. */
public final class Synthetic {
    private Synthetic() {}

    /**
     * A Gaussian mixture: class means drawn N(0, separation²·I) in {@code dim} dimensions, samples
     * = mean + N(0, I); classes are balanced (sample i has class i mod classes).
     */
    public static Dataset gaussianMixture(int n, int dim, int classes, double separation, long seed) {
        Random r = new Random(seed);
        double[][] means = new double[classes][dim];
        for (double[] m : means) {
            for (int d = 0; d < dim; d++) {
                m[d] = r.nextGaussian() * separation;
            }
        }
        float[][] x = new float[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dim; d++) {
                x[i][d] = (float) (means[y[i]][d] + r.nextGaussian());
            }
        }
        String src = String.format("synthetic: Gaussian mixture, %d classes in %d dims, separation %.2f, seed %d", classes, dim, separation, seed);
        return new Dataset("gaussian-mixture", new TabularData(x, y, classes), names(classes), src);
    }

    /**
     * Binary data separable by a random hyperplane w·x = 0 with a margin: x ~ N(0, I), points
     * with |w·x| &lt; margin are redrawn; label = [w·x &gt; 0].
     */
    public static Dataset linearlySeparable(int n, int dim, double margin, long seed) {
        Random r = new Random(seed);
        double[] w = new double[dim];
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            w[d] = r.nextGaussian();
            norm += w[d] * w[d];
        }
        norm = Math.sqrt(norm);
        float[][] x = new float[n][dim];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s;
            do {
                s = 0;
                for (int d = 0; d < dim; d++) {
                    x[i][d] = (float) r.nextGaussian();
                    s += w[d] / norm * x[i][d];
                }
            } while (Math.abs(s) < margin);
            y[i] = s > 0 ? 1 : 0;
        }
        String src = String.format("synthetic: linearly separable, %d dims, margin %.2f, seed %d", dim, margin, seed);
        return new Dataset("linearly-separable", new TabularData(x, y, 2), names(2), src);
    }

    private static List<String> names(int classes) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            l.add(Integer.toString(i));
        }
        return l;
    }
}
