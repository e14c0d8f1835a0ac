package dev.losslab.lab.repro;

/** Small summaries of per-seed values. */
final class Stats {
    private Stats() {}

    /** Arithmetic mean (NaN for an empty array). */
    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }
}
