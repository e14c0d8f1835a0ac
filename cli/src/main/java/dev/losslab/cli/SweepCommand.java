package dev.losslab.cli;

import dev.losslab.spark.GridFile;
import dev.losslab.spark.GridPoint;
import dev.losslab.spark.RunResult;
import dev.losslab.spark.SparkSessions;
import dev.losslab.spark.Sweep;
import dev.losslab.spark.SweepReport;
import dev.losslab.spark.SweepTables;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab sweep}: a grid of training runs (data sets × losses × hyperparameters × noise ×
 * seeds × folds) on Apache Spark, embedded local mode by default, a standalone cluster with
 * {@code --master spark://HOST:PORT}. Writes {@code runs.jsonl}, {@code results.csv},
 * {@code results.parquet} and {@code report.md}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Runs a grid of training runs on Apache Spark (local mode by default) and reports"
        + " each configuration over seeds and folds, with cross-validated selection.")
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--grid", required = true, description = "the grid, a JSON file (see the README)")
    Path grid;

    @Option(names = "--master", defaultValue = "local[*]", description = "local, local[N], local[*] or spark://HOST:PORT (default: ${DEFAULT-VALUE})")
    String master;

    @Option(names = "--out", defaultValue = "sweep-out", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--resume", description = "skip grid points that already finished in --out (failed ones run again)")
    boolean resume;

    @Option(names = "--max-failures", defaultValue = "2", description = "attempts Spark makes for a task before the run is recorded as failed (default: ${DEFAULT-VALUE})")
    int maxFailures;

    @Override
    public Integer call() throws Exception {
        run(GridFile.read(grid), grid.getFileName().toString(), master, maxFailures, out, resume);
        return 0;
    }

    /** A finished sweep: its report's text and one row per grid point that has a result. */
    record Done(String report, List<RunResult> rows) {}

    /** Runs {@code points} on {@code master} into {@code out} with a progress bar and writes the tables and the report. */
    static Done run(List<GridPoint> points, String gridName, String master, int maxFailures, Path out, boolean resume) throws java.io.IOException {
        long start = System.nanoTime();
        try (SparkSession spark = SparkSessions.create(master, maxFailures)) {
            OutputFolder folder = OutputFolder.prepare(out, "out");
            System.out.printf("grid %s: %d runs on %s%n", gridName, points.size(), master);
            Sweep.Outcome outcome;
            try (ProgressBar bar = ProgressBars.start("sweep", points.size())) {
                Sweep.Progress progress = (done, failed, remaining) -> {
                    bar.stepTo(points.size() - remaining);
                    bar.setExtraMessage(failed + " failed, " + remaining + " remaining");
                };
                outcome = Sweep.run(points, spark, out, resume, progress);
            } catch (RuntimeException e) {
                if (!resume) {
                    folder.discard();
                }
                throw e;
            }
            SweepTables.write(outcome.rows(), spark, out);
            double minutes = (System.nanoTime() - start) / 6e10;
            String how = String.format(java.util.Locale.ROOT, "Grid %s on %s: %d runs in %.1f min (%d skipped as already finished)", gridName, master,
                    outcome.ran(), minutes, outcome.skipped());
            String report = SweepReport.write(outcome.rows(), points.size(), how, out);
            long failed = outcome.rows().stream().filter(r -> !r.finished()).count();
            System.out.printf("%s; %d failed. Wrote %s (report.md, results.csv, results.parquet, runs.jsonl)%n", how, failed, out);
            return new Done(report, outcome.rows());
        }
    }
}
