package dev.losslab.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a grid on Spark: each point is its own one-task job, so a point whose task keeps failing
 * (an executor lost, out of memory) fails alone, after Spark's retries, and is recorded as
 * {@code failed} with Spark's reason, never dropped; an error inside training is caught by the task
 * and recorded the same way. Results go to the driver's {@link ResultLog} as they arrive (nothing
 * but the point's parameters and its metrics crosses the network); with {@code resume}, points
 * that already finished are skipped.
 */
public final class Sweep {
    private Sweep() {}

    /** Called as runs finish. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int failed, int remaining);
    }

    /** The sweep's rows (one per grid point, in grid order) and how many this call ran. */
    public record Outcome(List<RunResult> rows, int ran, int skipped) {}

    /** Runs the points not yet finished in {@code out}/runs.jsonl (all of them unless {@code resume}) and returns every point's row. */
    public static Outcome run(List<GridPoint> points, SparkSession spark, Path out, boolean resume, Progress progress) throws IOException {
        Files.createDirectories(out);
        try (ResultLog log = ResultLog.open(out.resolve("runs.jsonl"), resume)) {
            List<GridPoint> todo = new ArrayList<>();
            for (GridPoint p : points) {
                if (!log.finished(p)) {
                    todo.add(p);
                }
            }
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Map<GridPoint, JavaFutureAction<List<RunResult>>> jobs = new LinkedHashMap<>();
            for (GridPoint p : todo) {
                sc.setJobDescription("losslab " + p.id() + " " + p.configuration() + " seed " + p.seed() + " fold " + p.fold());
                jobs.put(p, sc.parallelize(List.of(p), 1).map(Sweep::runTask).collectAsync());
            }
            int done = 0;
            int failed = 0;
            for (Map.Entry<GridPoint, JavaFutureAction<List<RunResult>>> job : jobs.entrySet()) {
                RunResult r;
                try {
                    r = job.getValue().get().get(0);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    r = RunResult.failed(job.getKey(), "Spark gave up on the task: " + firstLine(cause.getMessage()), 0, "", -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    jobs.values().forEach(f -> f.cancel(true));
                    throw new IOException("interrupted; finished runs are in " + out.resolve("runs.jsonl") + " (use --resume)", e);
                }
                log.add(r);
                done++;
                failed += r.finished() ? 0 : 1;
                progress.update(done, failed, todo.size() - done);
            }
            return new Outcome(log.rowsFor(points), todo.size(), points.size() - todo.size());
        }
    }

    /** The task: one point, run on whichever executor Spark chose. */
    static RunResult runTask(GridPoint p) {
        TaskContext task = TaskContext.get();
        String executor = SparkEnv.get() == null ? "" : SparkEnv.get().executorId();
        return GridRun.run(p, executor, task == null ? 0 : task.attemptNumber());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
