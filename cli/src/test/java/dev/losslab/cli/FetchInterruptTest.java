package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code losslab data fetch} stopped by SIGTERM in the middle of a download (a loopback server that
 * sends slowly) leaves neither its {@code .part-*.tmp} file nor the folder it created; an
 * unreachable mirror is one line naming the mirror.
 */
class FetchInterruptTest {

    @Test
    void sigtermMidDownloadLeavesNothing(@TempDir Path dir) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 10_000_000);
            try (OutputStream os = ex.getResponseBody()) {
                for (int i = 0; i < 400; i++) {
                    os.write(new byte[4096]);
                    os.flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        });
        server.start();
        Path data = dir.resolve("data");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    "dev.losslab.cli.LossLab", "data", "fetch", "iris", "--mirror", "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                    "--data-dir", data.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
            long deadline = System.currentTimeMillis() + 15_000;
            while (partFiles(data).isEmpty() && System.currentTimeMillis() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            assertEquals(1, partFiles(data).size(), "a download was in flight: " + Files.readString(dir.resolve("log.txt")));
            p.destroy();
            p.waitFor();
            assertTrue(!Files.exists(data) || partFiles(data).isEmpty() && isEmpty(data), "left behind: " + all(data));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void unreachableMirrorIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliTest.Run r = CliTest.run("data", "fetch", "iris", "--mirror", "http://127.0.0.1:" + port + "/", "--data-dir", dir.resolve("d").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("mirror http://127.0.0.1:" + port), r.err());
        assertTrue(!Files.exists(dir.resolve("d/sklearn")), "no folder left");
        CliTest.Run ftp = CliTest.run("data", "fetch", "iris", "--mirror", "ftp://127.0.0.1/", "--data-dir", dir.resolve("d").toString());
        assertEquals(2, ftp.code(), ftp.err());
        assertTrue(ftp.err().startsWith("losslab: mirror:"), ftp.err());
    }

    private static List<Path> partFiles(Path root) throws IOException {
        return all(root).stream().filter(f -> f.getFileName().toString().startsWith(".part-")).toList();
    }

    private static boolean isEmpty(Path root) throws IOException {
        return all(root).stream().allMatch(Files::isDirectory) && all(root).size() <= 1;
    }

    private static List<Path> all(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.toList();
        }
    }
}
