package dev.losslab.lab.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads catalogue files into a data root and verifies their sha256; a file already present
 * with the right checksum is kept. A mirror base address, when given, replaces each file's
 * canonical address by {@code mirror + path} (used by tests with a loopback server).
 */
public final class DatasetFetcher {
    private final Path root;
    private final String mirror;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20)).build();

    /** @param mirror base address ending in '/', or null for the canonical addresses */
    public DatasetFetcher(Path root, String mirror) {
        this.root = root;
        this.mirror = mirror;
    }

    /** Fetches every file of {@code entry}; returns the local paths. */
    public java.util.List<Path> fetch(DatasetCatalog.Entry entry) throws IOException, InterruptedException {
        java.util.List<Path> out = new java.util.ArrayList<>();
        for (DatasetCatalog.RemoteFile f : entry.files()) {
            out.add(fetch(f));
        }
        return out;
    }

    Path fetch(DatasetCatalog.RemoteFile f) throws IOException, InterruptedException {
        Path target = root.resolve(f.path());
        if (Files.isRegularFile(target) && sha256(target).equals(f.sha256())) {
            return target;
        }
        Files.createDirectories(target.getParent());
        String url = mirror == null ? f.url() : mirror + f.path();
        HttpResponse<InputStream> resp = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Path tmp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        try {
            try (InputStream in = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw new IOException("GET " + url + " returned HTTP " + resp.statusCode());
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String got = sha256(tmp);
            if (!got.equals(f.sha256())) {
                throw new IOException("checksum mismatch for " + url + ": expected " + f.sha256() + ", got " + got);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
