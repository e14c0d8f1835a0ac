package dev.losslab.lab.repro;

/** Small summaries of per-seed values (the reports' tables and the plots' error bars). */
public final class Stats {
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

    /** Sample standard deviation (n − 1) over the finite values, 0 for fewer than two: the plots' error bars (diverged runs are NaN and left out). */
    public static double sd(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                sum += x;
                n++;
            }
        }
        double m = sum / n;
        double ss = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                ss += (x - m) * (x - m);
            }
        }
        return n < 2 ? 0 : Math.sqrt(ss / (n - 1));
    }
}
