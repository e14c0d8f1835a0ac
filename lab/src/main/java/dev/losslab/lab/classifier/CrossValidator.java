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
        for (int f = 0; f < folds; f++) {
            int[][] rows = foldRows(permutation, folds, f);
            double[][] trainX = new double[rows[0].length][];
            int[] trainY = new int[rows[0].length];
            double[][] testX = new double[rows[1].length][];
            int[] testY = new int[rows[1].length];
            for (int i = 0; i < rows[0].length; i++) {
                trainX[i] = x[rows[0][i]];
                trainY[i] = y[rows[0][i]];
            }
            for (int i = 0; i < rows[1].length; i++) {
                testX[i] = x[rows[1][i]];
                testY[i] = y[rows[1][i]];
            }
            scores[f] = evaluation.score(trainX, trainY, testX, testY);
        }
        return scores;
    }

    /**
     * The rows {fitting part, held-out fold} of fold {@code fold} of {@code folds}: the permutation cut
     * into contiguous folds, the first n mod K one larger (sklearn's {@code KFold}), rows in
     * permutation order.
     */
    public static int[][] foldRows(int[] permutation, int folds, int fold) {
        int n = permutation.length;
        if (folds < 2 || folds > n || fold < 0 || fold >= folds) {
            throw new IllegalArgumentException("need 2 ≤ folds ≤ " + n + " and 0 ≤ fold < folds, got folds " + folds + ", fold " + fold);
        }
        int start = 0;
        for (int f = 0; f < fold; f++) {
            start += n / folds + (f < n % folds ? 1 : 0);
        }
        int size = n / folds + (fold < n % folds ? 1 : 0);
        int[] held = Arrays.copyOfRange(permutation, start, start + size);
        int[] fit = new int[n - size];
        System.arraycopy(permutation, 0, fit, 0, start);
        System.arraycopy(permutation, start + size, fit, start, n - start - size);
        return new int[][] {fit, held};
    }

    /** The mean of {@link #scores}. */
    public static double mean(double[][] x, int[] y, int[] permutation, int folds, Evaluation evaluation) {
        return Arrays.stream(scores(x, y, permutation, folds, evaluation)).average().orElseThrow();
    }
}
