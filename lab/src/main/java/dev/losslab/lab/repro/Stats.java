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

    /** Sample standard deviation (n − 1; 0 for fewer than two values), as the plots' error bars. */
    static double sd(double[] v) {
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(ss / (v.length - 1));
    }
}
