package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.losslab.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived executor keeps no native memory: {@code losslab sweep} runs 200 training runs in one
 * executor ({@code local[1]}, the driver's JVM, heap capped at 768 MB (Spark needs 450) so heap growth cannot hide as
 * native growth) in a child JVM with the launcher's memory options. Its RSS is read from /proc
 * every {@value #SAMPLE_MS} ms together with the number of finished runs (lines of runs.jsonl): from the 50th run
 * (Spark, the engine and the JIT warmed up) to the last it may not rise by more than
 * {@value TrainMemorySoakTest#ALLOWED_RISE_MB} MB. (Writing the tables afterwards starts Spark SQL,
 * which is not the executor's steady state.)
 */
class SweepMemorySoakTest {
    /** Between two RSS samples; short, because on a fast machine the 150 runs judged take only a few seconds. */
    private static final long SAMPLE_MS = 50;

    @Test
    void twoHundredRunsInOneExecutorKeepTheResidentSizeFlat(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc to read the resident size");
        String seeds = IntStream.range(0, 200).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        Path grid = Files.writeString(dir.resolve("grid.json"), "{\"data\": [\"synthetic:gaussian:200,6,3\"], \"losses\": [{\"name\": \"cross-entropy\"}],"
                + " \"model\": [\"mlp:16\"], \"epochs\": 20, \"seeds\": [" + seeds + "]}");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(TrainMemorySoakTest.launcherMemoryOptions());
        cmd.add("-Xmx768m");
        cmd.addAll(SparkSessions.sparkJvmOptions());
        cmd.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"), "dev.losslab.cli.LossLab",
                "sweep", "--grid", grid.toString(), "--master", "local[1]", "--out", dir.resolve("out").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        List<Long> rssMb = new ArrayList<>();
        Path log = dir.resolve("out/runs.jsonl");
        for (long mb = ResidentSize.megabytes(p); mb >= 0; mb = ResidentSize.megabytes(p)) {
            long runs = Files.exists(log) ? Files.readAllLines(log).size() : 0;
            if (runs >= 50 && runs < 200) {
                rssMb.add(mb);
            }
            Thread.sleep(SAMPLE_MS);
        }
        assertEquals(0, p.waitFor(), Files.readString(dir.resolve("log.txt")));
        assertTrue(Files.readString(dir.resolve("log.txt")).contains("200 runs"), Files.readString(dir.resolve("log.txt")));
        assertEquals(201, Files.readAllLines(dir.resolve("out/results.csv")).size());
        assertTrue(rssMb.size() >= 10, "too few samples between the 50th and the 200th run to judge: " + rssMb);
        long atWarm = rssMb.get(0);
        long peak = rssMb.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(peak - atWarm <= TrainMemorySoakTest.ALLOWED_RISE_MB, "RSS from the 50th run rose from " + atWarm + " to " + peak + " MB: " + rssMb);
    }
}
