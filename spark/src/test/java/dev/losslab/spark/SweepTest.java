package dev.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on Spark's embedded local mode ({@code local[2]}, two attempts per task): eight runs give
 * eight rows in the CSV and Parquet tables and the same metrics when run again; a resumed sweep runs
 * only what is missing; a task killed mid-run is run again and counted once; a run whose data
 * vanished is recorded as failed with its reason, and runs again on resume.
 */
class SweepTest {
    static SparkSession spark;

    static final String GRID = """
            {
              "data": ["synthetic:gaussian:240,4,3"],
              "losses": [{"name": "cross-entropy"}, {"name": "gce", "params": {"q": [0.7]}}],
              "noise": ["none", "symmetric:0.3"],
              "model": ["mlp:8"],
              "seeds": [0, 1],
              "epochs": 3
            }
            """;

    @BeforeAll
    static void start() {
        spark = SparkSessions.create("local[2]", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        spark.close();
    }

    static Sweep.Outcome sweep(List<GridPoint> points, Path out, boolean resume) throws Exception {
        return Sweep.run(points, spark, out, resume, (done, failed, remaining) -> {});
    }

    static Map<String, Double> testAccuracies(List<RunResult> rows) {
        Map<String, Double> m = new HashMap<>();
        rows.forEach(r -> m.put(r.point().id(), r.testAccuracy()));
        return m;
    }

    @Test
    void eightRunsWriteTheTablesAndRepeatExactly(@TempDir Path dir) throws Exception {
        List<GridPoint> points = GridFile.parse(GRID, dir);
        assertEquals(8, points.size());
        Sweep.Outcome first = sweep(points, dir.resolve("a"), false);
        assertEquals(8, first.rows().size());
        assertEquals(8, first.ran());
        first.rows().forEach(r -> assertEquals(RunResult.OK, r.status(), r.error()));
        first.rows().forEach(r -> assertTrue(r.testAccuracy() > 0.34, r.point().configuration() + " learned nothing: " + r.testAccuracy()));
        SweepTables.write(first.rows(), spark, dir.resolve("a"));
        assertEquals(9, Files.readAllLines(dir.resolve("a/results.csv")).size());
        assertEquals(8, spark.read().parquet(dir.resolve("a/results.parquet").toString()).count());
        assertEquals(3, spark.read().parquet(dir.resolve("a/results.parquet").toString()).first().<scala.collection.Seq<?>>getAs("epoch_loss").size());
        String report = SweepReport.write(first.rows(), points.size(), "test", dir.resolve("a"));
        assertTrue(report.contains("8 ok, 0 diverged, 0 failed"), report);
        Sweep.Outcome again = sweep(points, dir.resolve("b"), false);
        assertEquals(testAccuracies(first.rows()), testAccuracies(again.rows()), "same seeds, same metrics");
    }

    @Test
    void resumeRunsOnlyWhatIsMissing(@TempDir Path dir) throws Exception {
        List<GridPoint> points = GridFile.parse(GRID, dir);
        sweep(points.subList(0, 3), dir, false);
        Sweep.Outcome resumed = sweep(points, dir, true);
        assertEquals(5, resumed.ran());
        assertEquals(3, resumed.skipped());
        assertEquals(8, resumed.rows().size());
        assertEquals(8, Files.readAllLines(dir.resolve("runs.jsonl")).size());
        Sweep.Outcome fresh = sweep(points, dir, false);
        assertEquals(8, fresh.ran(), "without --resume everything runs again");
    }

    /** A listener kills the first task attempt 300 ms into its run; Spark runs it again and the table holds one row for it. */
    @Test
    void aTaskKilledMidRunIsRunAgainAndCountedOnce(@TempDir Path dir) throws Exception {
        List<GridPoint> points = GridFile.parse(GRID.replace("\"epochs\": 3", "\"epochs\": 40").replace("\"seeds\": [0, 1]", "\"seeds\": [0]"), dir).subList(0, 2);
        AtomicBoolean killed = new AtomicBoolean();
        SparkListener killer = new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                if (start.taskInfo().attemptNumber() == 0 && killed.compareAndSet(false, true)) {
                    long task = start.taskInfo().taskId();
                    new Thread(() -> {
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            return;
                        }
                        spark.sparkContext().killTaskAttempt(task, true, "killed by the test");
                    }).start();
                }
            }
        };
        spark.sparkContext().addSparkListener(killer);
        try {
            Sweep.Outcome outcome = sweep(points, dir, false);
            assertTrue(killed.get());
            assertEquals(2, outcome.rows().size());
            outcome.rows().forEach(r -> assertEquals(RunResult.OK, r.status(), r.error()));
            assertEquals(1, outcome.rows().stream().filter(r -> r.attempt() == 1).count(), "one run is the killed task's second attempt");
            assertEquals(2, Files.readAllLines(dir.resolve("runs.jsonl")).size());
        } finally {
            spark.sparkContext().removeSparkListener(killer);
        }
    }

    @Test
    void aRunWhoseDataVanishedIsRecordedAsFailedAndRetriedOnResume(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("toy.csv");
        StringBuilder rows = new StringBuilder("a,b,y\n");
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < 60; i++) {
            rows.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%d%n", r.nextGaussian() + 2 * (i % 2), r.nextGaussian(), i % 2));
        }
        Files.writeString(csv, rows.toString());
        List<GridPoint> points = GridFile.parse("{\"data\": [\"toy.csv\"], \"losses\": [{\"name\": \"cross-entropy\"}], \"epochs\": 2}", dir);
        Files.move(csv, dir.resolve("moved.csv"));
        Sweep.Outcome failed = sweep(points, dir.resolve("out"), false);
        assertEquals(RunResult.FAILED, failed.rows().get(0).status());
        assertTrue(failed.rows().get(0).error().contains("toy.csv"), failed.rows().get(0).error());
        String report = SweepReport.write(failed.rows(), 1, "test", dir.resolve("out"));
        assertTrue(report.contains("## Failed runs") && report.contains("toy.csv"), report);
        Files.move(dir.resolve("moved.csv"), csv);
        Sweep.Outcome resumed = sweep(points, dir.resolve("out"), true);
        assertEquals(1, resumed.ran());
        assertEquals(RunResult.OK, resumed.rows().get(0).status());
    }
}
