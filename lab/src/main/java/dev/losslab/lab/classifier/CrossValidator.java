package dev.losslab.lab.classifier;

import java.util.Arrays;

/**
 * K-fold cross-validation without stratification (paper 25 evaluates with 5-fold CV): a given
 * permutation of the rows is cut into K contiguous folds of sizes differing by at most one (the
 * first n mod K folds one larger, as sklearn's {@code KFold}); each fold is scored once by a model
 * fitted on the other K − 1.
 */
public final class CrossValidator {
    /** Fits on the training part and returns the score (for example accuracy) on the held-out part. */
    @FunctionalInterface
    public interface Evaluation {
        double score(double[][] trainX, int[] trainY, double[][] testX, int[] testY);
    }

    private CrossValidator() {
    }

    /** The per-fold scores. */
    public static double[] scores(double[][] x, int[] y, int[] permutation, int folds, Evaluation evaluation) {
        int n = x.length;
        if (y.length != n || permutation.length != n) {
            throw new IllegalArgumentException("x, y and permutation must have equal lengths, got " + n + ", " + y.length + ", " + permutation.length);
        }
        if (folds < 2 || folds > n) {
            throw new IllegalArgumentException("folds must be in [2, " + n + "], got " + folds);
        }
        double[] scores = new double[folds];
        int start = 0;
        for (int f = 0; f < folds; f++) {
            int size = n / folds + (f < n % folds ? 1 : 0);
            double[][] trainX = new double[n - size][];
            int[] trainY = new int[n - size];
            double[][] testX = new double[size][];
            int[] testY = new int[size];
            for (int i = 0, tr = 0; i < n; i++) {
                int row = permutation[i];
                if (i >= start && i < start + size) {
                    testX[i - start] = x[row];
                    testY[i - start] = y[row];
                } else {
                    trainX[tr] = x[row];
                    trainY[tr++] = y[row];
                }
            }
            scores[f] = evaluation.score(trainX, trainY, testX, testY);
            start += size;
        }
        return scores;
    }

    /** The mean of {@link #scores}. */
    public static double mean(double[][] x, int[] y, int[] permutation, int folds, Evaluation evaluation) {
        return Arrays.stream(scores(x, y, permutation, folds, evaluation)).average().orElseThrow();
    }
}
