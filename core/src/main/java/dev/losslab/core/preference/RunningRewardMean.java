package dev.losslab.core.preference;

/**
 * BCO's reward shift δ (paper 42, spec 42): the cumulative mean of every implicit reward seen so
 * far, with TRL's {@code RunningMoments} update (state mean 0, count 1e-24; a batch x of n values
 * gives mean ← mean + (mean(x) − mean)·n/(count + n), count ← count + n). Not thread-safe: one
 * tracker belongs to one training run.
 */
public final class RunningRewardMean {
    private double mean;
    private double count = 1e-24;

    /** Adds a batch of rewards (at least one) and returns the new mean. */
    public double update(double[] rewards) {
        if (rewards.length == 0) {
            throw new IllegalArgumentException("a batch of rewards must not be empty");
        }
        double batchMean = 0;
        for (double r : rewards) {
            batchMean += r / rewards.length;
        }
        double total = count + rewards.length;
        mean += (batchMean - mean) * rewards.length / total;
        count = total;
        return mean;
    }

    /** δ, the mean of every reward added so far (0 before the first batch). */
    public double mean() {
        return mean;
    }
}
