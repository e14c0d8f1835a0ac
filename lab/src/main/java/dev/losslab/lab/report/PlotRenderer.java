package dev.losslab.lab.report;

import dev.losslab.lab.repro.Plot;
import dev.losslab.lab.repro.Stats;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Renders a {@link Plot} to PNG with XChart (headless): each point is the mean over its finite seed
 * values with ±1 sample standard deviation as an error bar; NaN seed values (diverged runs) are left
 * out of the mean and marked — a red × at y = 0 on line charts, "†k" after the category on bar charts.
 */
public final class PlotRenderer {
    private PlotRenderer() {}

    public static Path render(Plot plot, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Chart<?, ?> chart = plot.bars() ? bars(plot) : lines(plot);
        Path file = dir.resolve(plot.file());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    static double mean(double[] seeds) {
        double sum = 0;
        int n = 0;
        for (double v : seeds) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static int nonFinite(double[] seeds) {
        int k = 0;
        for (double v : seeds) {
            k += Double.isFinite(v) ? 0 : 1;
        }
        return k;
    }

    private static CategoryChart bars(Plot p) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(520).title(p.statedTitle()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        style(c.getStyler(), p);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < p.categories().size(); i++) {
            int k = 0;
            for (double[][] points : p.series().values()) {
                k += nonFinite(points[i]);
            }
            labels.add(p.categories().get(i) + (k > 0 ? " †" + k : ""));
        }
        boolean spread = p.seeds() > 1;
        for (Map.Entry<String, double[][]> e : p.series().entrySet()) {
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (double[] point : e.getValue()) {
                double m = mean(point);
                ys.add(Double.isNaN(m) ? 0 : m);
                errs.add(Stats.sd(point));
            }
            if (spread) {
                c.addSeries(e.getKey(), labels, ys, errs);
            } else {
                c.addSeries(e.getKey(), labels, ys);
            }
        }
        return c;
    }

    private static XYChart lines(Plot p) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(p.statedTitle()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        style(c.getStyler(), p);
        c.getStyler().setXAxisLogarithmic(p.logX());
        double[] x = p.categories().stream().mapToDouble(Double::parseDouble).toArray();
        boolean spread = p.seeds() > 1;
        List<Double> divergedX = new ArrayList<>();
        for (Map.Entry<String, double[][]> e : p.series().entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> errs = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                double[] point = e.getValue()[i];
                if (nonFinite(point) > 0) {
                    divergedX.add(x[i]);
                }
                double m = mean(point);
                if (!Double.isNaN(m)) {
                    xs.add(x[i]);
                    ys.add(m);
                    errs.add(Stats.sd(point));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            if (spread) {
                c.addSeries(e.getKey(), xs, ys, errs);
            } else {
                c.addSeries(e.getKey(), xs, ys);
            }
        }
        if (!divergedX.isEmpty()) {
            XYSeries marks = c.addSeries("diverged run(s)", divergedX, divergedX.stream().map(v -> 0.0).toList());
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            marks.setMarker(SeriesMarkers.CROSS);
            marks.setMarkerColor(Color.RED);
        }
        return c;
    }

    private static void style(AxesChartStyler s, Plot p) {
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setYAxisDecimalPattern("0.00");
        if (p.yFromZero()) {
            s.setYAxisMin(0.0);
        }
    }
}
