package dev.losslab.spark;

import java.io.Serializable;

/**
 * What one run of a sweep returns: its point, how it ended, its metrics, and where and how long it
 * ran.
 *
 * @param status {@code ok}, {@code diverged} (a non-finite loss; accuracies NaN) or {@code failed}
 *     (an error, given in {@code error})
 * @param validationAccuracy accuracy on the held-out fold (noisy labels, as the training rows)
 * @param testAccuracy accuracy on the clean test rows
 * @param epochLoss the mean training loss of each epoch
 * @param executor the Spark executor that ran it ({@code driver} in local mode)
 * @param attempt Spark's attempt number of the task that produced this result (0: first)
 */
public record RunResult(GridPoint point, String status, String error, double validationAccuracy, double testAccuracy, double[] epochLoss, long wallMs,
        String executor, int attempt) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String OK = "ok";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";

    /** A run that ended in an error before or during training. */
    public static RunResult failed(GridPoint point, String reason, long wallMs, String executor, int attempt) {
        return new RunResult(point, FAILED, reason, Double.NaN, Double.NaN, new double[0], wallMs, executor, attempt);
    }

    /** Whether it finished (ok or diverged), so that a resumed sweep skips it; a failed run is tried again. */
    public boolean finished() {
        return !FAILED.equals(status);
    }
}
