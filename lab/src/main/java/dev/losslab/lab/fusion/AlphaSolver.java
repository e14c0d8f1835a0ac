package dev.losslab.lab.fusion;

/**
 * Chooses the fusion weights α (one per expert) of {@link LogitArithmetic} for one decoding step
 * (or one sample of a classifier) from the four models' logits at that step (paper 18).
 */
@FunctionalInterface
public interface AlphaSolver {
    double[] solve(double[] large, double[] small, double[][] experts);

    /** The static rule of proxy tuning: the same α for every expert and every step. */
    static AlphaSolver fixed(double alpha) {
        return (large, small, experts) -> {
            double[] a = new double[experts.length];
            java.util.Arrays.fill(a, alpha);
            return a;
        };
    }
}
