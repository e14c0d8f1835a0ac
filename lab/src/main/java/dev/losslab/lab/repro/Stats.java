package dev.losslab.lab.repro;

/** Small summaries of per-seed values. */
final class Stats {
    private Stats() {}

    /** Arithmetic mean (NaN for an empty array). */
    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Smallest value, the worst seed of a higher-is-better check (NaN for an empty array). */
    static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    /** Largest value (NaN for an empty array). */
    static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(Double.NaN);
    }
}
