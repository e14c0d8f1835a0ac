package dev.losslab.lab.report;

import dev.losslab.lab.repro.Plot;
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
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Renders a {@link Plot} to PNG with XChart (headless). */
public final class PlotRenderer {
    private PlotRenderer() {}

    public static Path render(Plot plot, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Chart<?, ?> chart = plot.bars() ? bars(plot) : lines(plot);
        Path file = dir.resolve(plot.file());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static CategoryChart bars(Plot p) {
        CategoryChart c = new CategoryChartBuilder().width(900).height(520).title(p.title()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        style(c.getStyler());
        c.getStyler().setYAxisDecimalPattern("0.00");
        double min = p.series().values().stream().flatMapToDouble(java.util.Arrays::stream).filter(Double::isFinite).min().orElse(0);
        if (min > 0) {
            c.getStyler().setYAxisMin(Math.floor(min * 10) / 10 - 0.1);
        }
        for (Map.Entry<String, double[]> e : p.series().entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) {
                ys.add(v);
            }
            c.addSeries(e.getKey(), p.categories(), ys);
        }
        return c;
    }

    private static XYChart lines(Plot p) {
        XYChart c = new XYChartBuilder().width(900).height(520).title(p.title()).xAxisTitle(p.xLabel()).yAxisTitle(p.yLabel()).build();
        style(c.getStyler());
        c.getStyler().setYAxisDecimalPattern("0.00");
        double[] x = p.categories().stream().mapToDouble(Double::parseDouble).toArray();
        for (Map.Entry<String, double[]> e : p.series().entrySet()) {
            c.addSeries(e.getKey(), x, e.getValue());
        }
        return c;
    }

    private static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
    }
}
