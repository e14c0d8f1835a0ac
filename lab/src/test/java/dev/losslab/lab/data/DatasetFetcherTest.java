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
}
