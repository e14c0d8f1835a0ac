package dev.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on the loopback address, started from the Spark jars on this
 * class path (no download): a master and one worker with two cores, each a separate JVM, so two
 * executor JVMs run the sweep side by side. The README's example grid ({@code grids/example.json},
 * eight runs) gives bit-identical metrics to local mode.
 */
class LoopbackClusterTest {
    @Test
    void aStandaloneClusterGivesTheLocalModesResults(@TempDir Path dir) throws Exception {
        List<GridPoint> points = GridFile.read(Path.of("grids", "example.json"));
        assertEquals(8, points.size());
        Map<String, List<Object>> local;
        try (SparkSession spark = SparkSessions.create("local[2]", 2)) {
            local = metrics(Sweep.run(points, spark, dir.resolve("local"), false, (d, f, r) -> {}).rows());
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path home = sparkHome(dir.resolve("spark-home"));
        List<Process> cluster = new ArrayList<>();
        try {
            cluster.add(start(home, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", Integer.toString(port),
                    "--webui-port", "0"));
            awaitLine(dir.resolve("master.log"), "Starting Spark master", cluster.get(0));
            cluster.add(start(home, dir.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory", "2g",
                    "--webui-port", "0", "--work-dir", dir.resolve("work").toString(), "spark://127.0.0.1:" + port));
            awaitLine(dir.resolve("master.log"), "Registering worker", cluster.get(1));
            Sweep.Outcome outcome;
            try (SparkSession spark = SparkSessions.create("spark://127.0.0.1:" + port, 2)) {
                outcome = Sweep.run(points, spark, dir.resolve("cluster"), false, (d, f, r) -> {});
            }
            Set<String> executors = new HashSet<>();
            outcome.rows().forEach(r -> executors.add(r.executor()));
            assertTrue(!executors.contains("driver") && !executors.isEmpty(), "ran on the cluster's executors: " + executors);
            assertEquals(local, metrics(outcome.rows()), "bit-identical metrics on the cluster and in local mode");
        } finally {
            for (Process p : cluster) {
                p.destroy();
            }
            for (Process p : cluster) {
                p.waitFor();
            }
        }
    }

    /** id → [status, validation accuracy, test accuracy, per-epoch losses]. */
    static Map<String, List<Object>> metrics(List<RunResult> rows) {
        Map<String, List<Object>> m = new HashMap<>();
        for (RunResult r : rows) {
            assertEquals(RunResult.OK, r.status(), r.error());
            m.put(r.point().id(), List.of(r.status(), r.validationAccuracy(), r.testAccuracy(), java.util.Arrays.toString(r.epochLoss())));
        }
        return m;
    }

    /** A SPARK_HOME whose jars/ links every jar on this class path (a worker puts them on its executors' class path). */
    static Path sparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        return home;
    }

    static Process start(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(SparkSessions.sparkJvmOptions());
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        return pb.start();
    }

    static void awaitLine(Path log, String text, Process process) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the process ended: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no '" + text + "' within 60 s: " + Files.readString(log));
    }
}
