package dev.losslab.lab.policy;

import dev.losslab.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Paper 60's choice and use of the single training example (spec 60; the official
 * {@code data/data_selection.py}): an example's historical variance score is the population standard
 * deviation (NumPy's {@code np.std}) of its training accuracy across the epochs of a full-data RLVR
 * run, π₁ is the top-ranked example, and the one-shot training batch repeats it to the batch size.
 */
public final class OneShotSelection {
    private OneShotSelection() {}

    /** Population standard deviation of one example's accuracies over epochs. */
    public static double historicalVarianceScore(double[] accuracies) {
        if (accuracies.length == 0) {
            throw new InvalidArgumentException("accuracies", "no epochs recorded");
        }
        double mean = 0;
        for (double a : accuracies) {
            mean += a / accuracies.length;
        }
        double ss = 0;
        for (double a : accuracies) {
            ss += (a - mean) * (a - mean);
        }
        return Math.sqrt(ss / accuracies.length);
    }

    /** Example indices by descending score (ties by index): π₁ is the first. */
    public static int[] rank(double[][] accuraciesPerExample) {
        double[] score = new double[accuraciesPerExample.length];
        for (int i = 0; i < score.length; i++) {
            score[i] = historicalVarianceScore(accuraciesPerExample[i]);
        }
        return IntStream.range(0, score.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> -score[i]).thenComparing(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The one-shot training set: {@code example} repeated {@code batchSize} times. */
    public static <T> List<T> repeat(T example, int batchSize) {
        if (batchSize < 1) {
            throw new InvalidArgumentException("batch_size", "must be at least 1, got " + batchSize);
        }
        return new ArrayList<>(Collections.nCopies(batchSize, example));
    }
}
