package dev.losslab.spark;

import dev.losslab.lab.report.PlotRenderer;
import dev.losslab.lab.repro.Plot;
import dev.losslab.spark.CrossValidatedSelection.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's {@code report.md} and plots. Per configuration (every parameter but seed and fold):
 * mean ± sd of validation and test accuracy over its seeds and folds, with its diverged and failed
 * runs counted. With cross-validation (folds ≥ 2), each loss's hyperparameters (its parameters,
 * optimizer, learning rate, model) are selected per data set and noise setting by the best mean
 * validation accuracy among the configurations whose runs all finished, and the comparison table
 * gives the test accuracy at the selected settings;
 * without it no selection is made (selecting on test accuracy would flatter every loss).
 */
public final class SweepReport {
    private SweepReport() {}

    /** Writes {@code report.md} (and {@code accuracy-vs-noise-*.png}) into {@code out}; returns the report's text. */
    public static String write(List<RunResult> rows, int gridSize, String how, Path out) throws IOException {
        CrossValidatedSelection selection = CrossValidatedSelection.of(rows);
        StringBuilder md = new StringBuilder("# LossLab sweep\n\n");
        long ok = rows.stream().filter(r -> RunResult.OK.equals(r.status())).count();
        long diverged = rows.stream().filter(r -> RunResult.DIVERGED.equals(r.status())).count();
        long failed = rows.size() - ok - diverged;
        md.append(String.format(Locale.ROOT, "%s. %d grid points: %d ok, %d diverged, %d failed, %d without a result.", how, gridSize, ok, diverged,
                failed, gridSize - rows.size()));
        if (!rows.isEmpty()) {
            long[] wall = rows.stream().mapToLong(RunResult::wallMs).sorted().toArray();
            md.append(String.format(Locale.ROOT, " Training time summed over the %d rows (this and earlier sessions of a resumed sweep): %.1f min,"
                    + " median %.2f s per run.", wall.length, java.util.Arrays.stream(wall).sum() / 6e4, wall[wall.length / 2] / 1e3));
        }
        md.append("\n\n");
        int folds = rows.isEmpty() ? 1 : rows.get(0).point().folds();
        if (folds >= 2) {
            md.append(String.format(Locale.ROOT, "Selection: %d-fold cross-validation on the training rows (labels as noisy as in training); for each data set,"
                    + " noise setting and loss, the configuration with the best mean validation accuracy; test accuracy on the clean held-out test rows.%n%n",
                    folds));
            comparison(selection, md, out);
        } else {
            md.append("No cross-validation (folds = 1): no hyperparameters are selected; every configuration is listed below.\n\n");
        }
        md.append("## Every configuration\n\n| configuration | runs | validation accuracy | test accuracy | diverged | failed |\n|---|---|---|---|---|---|\n");
        selection.configurations().forEach((k, s) -> md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %d | %d |%n", k, s.test().length, meanSd(s.validation()),
                meanSd(s.test()), s.diverged(), s.failed())));
        List<RunResult> failures = rows.stream().filter(r -> !r.finished()).toList();
        if (!failures.isEmpty()) {
            md.append("\n## Failed runs\n\n| id | configuration | seed | fold | reason |\n|---|---|---|---|---|\n");
            for (RunResult r : failures) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s |%n", r.point().id(), r.point().configuration(), r.point().seed(), r.point().fold(),
                        r.error().replace("|", "\\|")));
            }
        }
        String text = md.toString();
        Files.writeString(out.resolve("report.md"), text, StandardCharsets.UTF_8);
        return text;
    }

    /** The comparison at the selected settings: a table and a plot per data set. */
    private static void comparison(CrossValidatedSelection selection, StringBuilder md, Path out) throws IOException {
        List<String> noises = selection.noises();
        int plotIndex = 0;
        for (Map.Entry<String, Map<String, Map<String, Summary>>> data : selection.chosen().entrySet()) {
            md.append("## ").append(data.getKey()).append("\n\nTest accuracy (mean ± sd over seeds × folds) at each loss's selected settings:\n\n| loss |");
            noises.forEach(n -> md.append(' ').append(n).append(" |"));
            md.append("\n|---|").append("---|".repeat(noises.size())).append('\n');
            List<String> categories = noises;
            Plot.Builder plot = Plot.bars("accuracy-vs-noise-" + (++plotIndex) + ".png", "Test accuracy at the cross-validated settings, " + fileName(data.getKey())
                    + ", runs = seeds × folds", "label noise", "test accuracy (fraction correct)", categories);
            StringBuilder chosen = new StringBuilder();
            for (Map.Entry<String, Map<String, Summary>> loss : data.getValue().entrySet()) {
                md.append("| ").append(loss.getKey()).append(" |");
                double[][] values = new double[categories.size()][];
                for (int i = 0; i < categories.size(); i++) {
                    Summary s = loss.getValue().get(categories.get(i));
                    md.append(' ').append(s == null ? "—" : meanSd(s.test())).append(" |");
                    values[i] = s == null ? new double[] {Double.NaN} : s.test();
                    if (s != null) {
                        GridPoint p = s.example();
                        chosen.append(String.format(Locale.ROOT, "- %s, %s: %s, %s%s, lr %s, %s%s, %s (validation %.4f)%n", loss.getKey(), categories.get(i),
                                p.lossParams(), p.optimizer(), p.optParams(), p.lr(), p.schedule(), p.scheduleParams(), p.model(), s.meanValidation()));
                    }
                }
                md.append('\n');
                plot.series(loss.getKey(), values);
            }
            Path png = PlotRenderer.render(plot.build(), out);
            md.append("\nSelected settings:\n\n").append(chosen).append("\n![").append(png.getFileName()).append("](").append(png.getFileName()).append(")\n\n");
        }
    }

    private static String fileName(String data) {
        int slash = data.lastIndexOf('/');
        return slash < 0 ? data : data.substring(slash + 1);
    }

    static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static String meanSd(double[] v) {
        if (v.length == 0 || Double.isNaN(mean(v))) {
            return "—";
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f", m, sd);
    }
}
