package dev.losslab.lab.repro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart to render: lines over a numeric x axis, or grouped bars over categories. Every point keeps
 * its per-seed values, so the chart can show their mean and spread; a NaN seed value is a diverged (or
 * missing) run, left out of the mean and marked on the chart.
 *
 * @param file PNG file name, e.g. {@code accuracy-vs-tau.png}
 * @param title chart title (the renderer appends how many seeds each point averages)
 * @param xLabel x-axis label
 * @param yLabel y-axis label, with its unit
 * @param categories x values as labels (one per point; numbers for line charts)
 * @param series name → per point, the per-seed values
 * @param bars grouped bars instead of lines
 * @param yFromZero the y axis starts at 0 (accuracies, errors, counts)
 * @param logX logarithmic x axis (a quantity spanning decades)
 */
public record Plot(String file, String title, String xLabel, String yLabel, List<String> categories, Map<String, double[][]> series,
        boolean bars, boolean yFromZero, boolean logX) {
    public Plot {
        categories = List.copyOf(categories);
        Map<String, double[][]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            if (e.getValue().length != categories.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + e.getValue().length + " points for "
                        + categories.size() + " categories");
            }
            double[][] points = new double[e.getValue().length][];
            for (int i = 0; i < points.length; i++) {
                points[i] = e.getValue()[i].clone();
            }
            copy.put(e.getKey(), points);
        }
        series = copy;
    }

    /** Grouped bars over {@code categories}, y from 0; add series with {@link Builder#series}. */
    public static Builder bars(String file, String title, String xLabel, String yLabel, List<String> categories) {
        return new Builder(file, title, xLabel, yLabel, categories, true);
    }

    /** Lines over numeric {@code xs}, y from 0 unless {@link Builder#freeY()}. */
    public static Builder lines(String file, String title, String xLabel, String yLabel, List<String> xs) {
        return new Builder(file, title, xLabel, yLabel, xs, false);
    }

    /** The title with n stated: "(1 seed)" or "(mean ± sd over n seeds[; k diverged runs excluded, marked])". */
    public String statedTitle() {
        int n = seeds();
        String spread = n <= 1 ? "1 seed" : "mean ± sd over " + n + " seeds";
        int k = diverged();
        return title + " (" + spread + (k > 0 ? "; " + k + " diverged run" + (k == 1 ? "" : "s") + " excluded, marked" : "") + ")";
    }

    /** The largest number of seeds behind one point. */
    public int seeds() {
        int n = 0;
        for (double[][] points : series.values()) {
            for (double[] p : points) {
                n = Math.max(n, p.length);
            }
        }
        return n;
    }

    /** How many seed values are NaN (diverged or missing) over the whole chart. */
    public int diverged() {
        int k = 0;
        for (double[][] points : series.values()) {
            for (double[] p : points) {
                for (double v : p) {
                    k += Double.isNaN(v) ? 1 : 0;
                }
            }
        }
        return k;
    }

    /** Collects a plot's series and axis options. */
    public static final class Builder {
        private final String file;
        private final String title;
        private final String xLabel;
        private final String yLabel;
        private final List<String> categories;
        private final boolean bars;
        private final Map<String, double[][]> series = new LinkedHashMap<>();
        private boolean yFromZero = true;
        private boolean logX;

        private Builder(String file, String title, String xLabel, String yLabel, List<String> categories, boolean bars) {
            this.file = file;
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.categories = new ArrayList<>(categories);
            this.bars = bars;
        }

        /** One series: {@code perSeed[point]} holds that point's value for every seed (NaN: diverged or missing). */
        public Builder series(String name, double[][] perSeed) {
            series.put(name, perSeed);
            return this;
        }

        /** One series whose points are the given per-seed values, in category order. */
        public Builder series(String name, List<double[]> perSeed) {
            return series(name, perSeed.toArray(new double[0][]));
        }

        /** Lets the y axis fit the data (for signed quantities such as a cosine). */
        public Builder freeY() {
            yFromZero = false;
            return this;
        }

        public Builder logX() {
            logX = true;
            return this;
        }

        public Plot build() {
            return new Plot(file, title, xLabel, yLabel, categories, series, bars, yFromZero, logX);
        }
    }
}
