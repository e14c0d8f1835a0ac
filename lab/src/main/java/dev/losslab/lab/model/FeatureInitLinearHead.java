package dev.losslab.lab.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;

/**
 * AMU-Tuning's feature-initialised linear probe (paper 10, spec 10; the official
 * {@code Linear_Adapter}): a bias-free linear head a = f̂·W on L2-normalised features whose class
 * weights start at the support set's class means, W[:, c] = mean_{i: y_i = c} f̂_i (not
 * re-normalised). Features must be normalised by the caller ({@link #normalise}), for the support
 * set and for every query.
 */
public final class FeatureInitLinearHead {
    private FeatureInitLinearHead() {}

    /** f/‖f‖₂ per row; a zero row is rejected. */
    public static float[][] normalise(float[][] f) {
        float[][] out = new float[f.length][];
        for (int i = 0; i < f.length; i++) {
            double n = 0;
            for (float v : f[i]) {
                n += (double) v * v;
            }
            if (n == 0) {
                throw new IllegalArgumentException("features: row " + i + " is zero and has no direction");
            }
            out[i] = new float[f[i].length];
            for (int j = 0; j < f[i].length; j++) {
                out[i][j] = (float) (f[i][j] / Math.sqrt(n));
            }
        }
        return out;
    }

    /** The class means [C][D] of already normalised support features; every class needs a sample. */
    public static float[][] classMeans(float[][] support, int[] labels, int classes) {
        if (support.length != labels.length || support.length == 0) {
            throw new IllegalArgumentException("support and labels must be non-empty and of equal length, got " + support.length + " and " + labels.length);
        }
        double[][] sum = new double[classes][support[0].length];
        int[] count = new int[classes];
        for (int i = 0; i < support.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels: " + labels[i] + " outside [0, " + classes + ")");
            }
            count[labels[i]]++;
            for (int j = 0; j < support[i].length; j++) {
                sum[labels[i]][j] += support[i][j];
            }
        }
        float[][] means = new float[classes][support[0].length];
        for (int c = 0; c < classes; c++) {
            if (count[c] == 0) {
                throw new IllegalArgumentException("labels: class " + c + " has no support sample");
            }
            for (int j = 0; j < means[c].length; j++) {
                means[c][j] = (float) (sum[c][j] / count[c]);
            }
        }
        return means;
    }

    /** The head on {@code manager}, weights (DJL's [C, D] layout, = Wᵀ) set to {@link #classMeans}. */
    public static Block create(NDManager manager, float[][] normalisedSupport, int[] labels, int classes) {
        float[][] means = classMeans(normalisedSupport, labels, classes);
        return withWeights(manager, means);
    }

    /** The head with given weights [C][D] (for example a random initialisation, as the ablation's). */
    public static Block withWeights(NDManager manager, float[][] weights) {
        Linear head = Linear.builder().setUnits(weights.length).optBias(false).build();
        head.initialize(manager, DataType.FLOAT32, new Shape(1, weights[0].length));
        float[] flat = new float[weights.length * weights[0].length];
        for (int c = 0; c < weights.length; c++) {
            System.arraycopy(weights[c], 0, flat, c * weights[0].length, weights[0].length);
        }
        ParameterValues.assign(head.getParameters().get(0).getValue().getArray(), flat);
        return head;
    }
}
