package dev.losslab.spark;

import dev.losslab.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a sweep: embedded local mode ({@code local[N]}, {@code local[*]}) or a
 * standalone cluster ({@code spark://HOST:PORT}). A task that fails is retried up to
 * {@code maxFailures} times in all (local mode as {@code local[N,F]}, a cluster through
 * {@code spark.task.maxFailures}). Executors of a cluster get this JVM's class path and the JVM
 * options LossLab needs (one PyTorch thread per task), so a cluster whose workers share this
 * machine's files runs the same code; the web UI is off.
 */
public final class SparkSessions {
    private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\d+)?]|local");

    private SparkSessions() {}

    /** A new session for {@code master}; an unknown master form is refused naming {@code --master}. */
    public static SparkSession create(String master, int maxFailures) {
        if (maxFailures < 1) {
            throw new InvalidArgumentException("max-failures", "must be ≥ 1, got " + maxFailures);
        }
        Matcher local = LOCAL.matcher(master);
        if (!local.matches()) {
            if (!master.startsWith("spark://")) {
                throw new InvalidArgumentException("master", "expected local, local[N], local[*] or spark://HOST:PORT, got '" + master + "'");
            }
            checkReachable(master);
        }
        SparkConf conf = new SparkConf().setAppName("losslab-sweep").set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", Integer.toString(maxFailures));
        if (local.matches()) {
            String threads = local.group(1) == null ? "1" : local.group(1);
            conf.setMaster("local[" + threads + "," + maxFailures + "]").set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setMaster(master).set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                    .set("spark.executor.extraJavaOptions", executorJavaOptions()).set("spark.executor.cores", "1");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /** Refuses, naming {@code --master}, a standalone master that does not accept a connection within 5 s. */
    static void checkReachable(String master) {
        java.net.URI uri = java.net.URI.create(master);
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new InvalidArgumentException("master", "expected spark://HOST:PORT, got '" + master + "'");
        }
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException("master", "cannot reach " + master + " (" + e.getMessage() + ")");
        }
    }

    /** The JVM options of an executor: this JVM's openings for Spark on Java 17, and DJL's offline PyTorch engine with one thread. */
    static String executorJavaOptions() {
        List<String> options = new ArrayList<>(List.of("-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1"));
        options.addAll(sparkJvmOptions());
        return String.join(" ", options);
    }

    /** This JVM's options that Spark needs on Java 17 (the {@code --add-opens} list the launcher and the build pass), for JVMs it starts. */
    public static List<String> sparkJvmOptions() {
        List<String> out = new ArrayList<>();
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect") || arg.startsWith("-Dio.netty")) {
                out.add(arg);
            }
        }
        return out;
    }
}
