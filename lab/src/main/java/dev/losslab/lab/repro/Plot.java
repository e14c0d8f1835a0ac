package dev.losslab.lab.repro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart to render: lines over a numeric x axis, or grouped bars over categories.
 *
 * @param file PNG file name, e.g. {@code accuracy-vs-tau.png}
 * @param title chart title
 * @param xLabel x-axis label
 * @param yLabel y-axis label
 * @param categories x values as labels (one per point)
 * @param series name → one y value per category (NaN: no point)
 * @param bars grouped bars instead of lines
 */
public record Plot(String file, String title, String xLabel, String yLabel, List<String> categories, Map<String, double[]> series, boolean bars) {
    public Plot {
        categories = List.copyOf(categories);
        series = new LinkedHashMap<>(series);
    }
}
