package dev.losslab.lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.losslab.lab.SharedData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download code against a loopback HTTP server that serves ../shared/datasets. */
class DatasetFetcherTest {

    private static HttpServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            Path f = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        return server;
    }

    @Test
    void fetchesAndVerifiesEveryCatalogueFile(@TempDir Path target) throws Exception {
        Path shared = SharedData.root();
        HttpServer server = serve(shared);
        try {
            String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            DatasetFetcher fetcher = new DatasetFetcher(target, mirror);
            for (DatasetCatalog.Entry e : DatasetCatalog.ENTRIES) {
                List<Path> files = fetcher.fetch(e);
                for (int i = 0; i < files.size(); i++) {
                    assertEquals(e.files().get(i).sha256(), DatasetFetcher.sha256(files.get(i)));
                }
            }
            assertTrue(new DataResolver(List.of(target)).find("sklearn/digits.csv.gz").isPresent());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void rejectsAChecksumMismatchAndKeepsNothing(@TempDir Path served, @TempDir Path target) throws Exception {
        Files.createDirectories(served.resolve("sklearn"));
        Files.writeString(served.resolve("sklearn/iris.csv"), "not iris");
        HttpServer server = serve(served);
        try {
            DatasetFetcher fetcher = new DatasetFetcher(target, "http://127.0.0.1:" + server.getAddress().getPort() + "/");
            IOException e = assertThrows(IOException.class, () -> fetcher.fetch(DatasetCatalog.get("iris").orElseThrow()));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            assertTrue(!Files.exists(target.resolve("sklearn/iris.csv")));
            IOException missing = assertThrows(IOException.class, () -> fetcher.fetch(DatasetCatalog.get("wine").orElseThrow()));
            assertTrue(missing.getMessage().contains("404"), missing.getMessage());
        } finally {
            server.stop(0);
        }
    }

    private static final DatasetFetcher.Limits FAST = new DatasetFetcher.Limits(Duration.ofSeconds(2), Duration.ofMillis(800), Duration.ofSeconds(1), 1024);

    /** A server that answers 200 with a declared length, then sends {@code chunk} bytes every {@code everyMs} (never, for 0). */
    private static HttpServer dribble(int chunk, long everyMs) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 1_000_000);
            try (OutputStream os = ex.getResponseBody()) {
                long end = System.currentTimeMillis() + 10_000;
                while (System.currentTimeMillis() < end) {
                    if (chunk > 0) {
                        os.write(new byte[chunk]);
                        os.flush();
                    }
                    Thread.sleep(everyMs);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
        });
        server.start();
        return server;
    }

    /** Nothing may be left under {@code target}: no .part file, no created folder. */
    private static void assertNothingLeft(Path target) throws IOException {
        try (var files = Files.list(target)) {
            assertEquals(List.of(), files.toList(), "left behind");
        }
    }

    @Test
    void aSilentServerTimesOutAndLeavesNothing(@TempDir Path target) throws Exception {
        HttpServer server = dribble(0, 100);
        try {
            DatasetFetcher fetcher = new DatasetFetcher(target, "http://127.0.0.1:" + server.getAddress().getPort() + "/", FAST);
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> fetcher.fetch(DatasetCatalog.get("iris").orElseThrow()));
            assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up within the read timeout");
            assertNothingLeft(target);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aServerSending100BytesPerSecondIsGivenUp(@TempDir Path target) throws Exception {
        HttpServer server = dribble(10, 100);
        try {
            DatasetFetcher fetcher = new DatasetFetcher(target, "http://127.0.0.1:" + server.getAddress().getPort() + "/", FAST);
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> fetcher.fetch(DatasetCatalog.get("iris").orElseThrow()));
            assertTrue(e.getMessage().contains("too slow"), e.getMessage());
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up after the rate window");
            assertNothingLeft(target);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUnreachableOrMalformedMirrorIsNamed(@TempDir Path target) throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DatasetFetcher fetcher = new DatasetFetcher(target, "http://127.0.0.1:" + port + "/", FAST);
        IOException e = assertThrows(IOException.class, () -> fetcher.fetch(DatasetCatalog.get("iris").orElseThrow()));
        assertTrue(e.getMessage().startsWith("cannot reach mirror http://127.0.0.1:" + port), e.getMessage());
        assertNothingLeft(target);
        for (String bad : new String[] {"ftp://127.0.0.1/", "http//x", "not a url"}) {
            dev.losslab.core.InvalidArgumentException m = assertThrows(dev.losslab.core.InvalidArgumentException.class, () -> new DatasetFetcher(target, bad));
            assertEquals("mirror", m.argument(), m.getMessage());
        }
    }
}
