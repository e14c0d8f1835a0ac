package dev.losslab.lab.data;

import dev.losslab.core.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads catalogue files into a data root and verifies their sha256; a file already present
 * with the right checksum is kept. A mirror base address (http or https), when given, replaces
 * each file's canonical address by {@code mirror + path} (used by tests with a loopback server).
 *
 * <p>A download that fails leaves nothing behind: not its temporary {@code .part-*.tmp} file, not
 * the folders it created, also when the process is interrupted (SIGINT, SIGTERM: a shutdown hook
 * removes what is in flight). It gives up on a server that does not answer within the connect
 * timeout, sends nothing for the read timeout, or delivers less than {@link Limits#minBytesPerSecond}
 * on average once {@link Limits#rateWindow} has passed.
 */
public final class DatasetFetcher {
    /** Time limits of a download. */
    public record Limits(Duration connect, Duration read, Duration rateWindow, long minBytesPerSecond) {
        /** 20 s to connect, 60 s without a byte, and at least 2 KB/s on average after the first 60 s. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60), 2048);
    }

    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> IN_FLIGHT.forEach(DatasetFetcher::deleteQuietly), "losslab-fetch-cleanup"));
    }

    private final Path root;
    private final String mirror;
    private final Limits limits;

    /** @param mirror base address ending in '/', or null for the canonical addresses */
    public DatasetFetcher(Path root, String mirror) {
        this(root, mirror, Limits.DEFAULT);
    }

    public DatasetFetcher(Path root, String mirror, Limits limits) {
        this.root = root;
        this.mirror = mirror == null ? null : checkMirror(mirror);
        this.limits = limits;
    }

    /** An http(s) base address with a host, ending in '/'; anything else names {@code mirror}. */
    private static String checkMirror(String mirror) {
        URI uri;
        try {
            uri = new URI(mirror);
        } catch (URISyntaxException e) {
            throw new InvalidArgumentException("mirror", "not a valid address: '" + mirror + "'");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new InvalidArgumentException("mirror", "expected an http:// or https:// address with a host, got '" + mirror + "'");
        }
        return mirror.endsWith("/") ? mirror : mirror + "/";
    }

    /** Fetches every file of {@code entry}; returns the local paths. */
    public List<Path> fetch(DatasetCatalog.Entry entry) throws IOException {
        List<Path> out = new ArrayList<>();
        for (DatasetCatalog.RemoteFile f : entry.files()) {
            out.add(fetch(f));
        }
        return out;
    }

    Path fetch(DatasetCatalog.RemoteFile f) throws IOException {
        Path target = root.resolve(f.path());
        if (Files.isRegularFile(target) && sha256(target).equals(f.sha256())) {
            return target;
        }
        Path firstCreated = firstMissing(target.getParent());
        Files.createDirectories(target.getParent());
        String url = mirror == null ? f.url() : mirror + f.path();
        Path tmp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        IN_FLIGHT.add(tmp);
        if (firstCreated != null) {
            IN_FLIGHT.add(firstCreated);
        }
        boolean done = false;
        try {
            download(url, tmp);
            String got = sha256(tmp);
            if (!got.equals(f.sha256())) {
                throw new IOException("checksum mismatch for " + url + ": expected " + f.sha256() + ", got " + got);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return target;
        } finally {
            deleteQuietly(tmp);
            IN_FLIGHT.remove(tmp);
            if (firstCreated != null) {
                if (!done) {
                    deleteQuietly(firstCreated);
                }
                IN_FLIGHT.remove(firstCreated);
            }
        }
    }

    private void download(String url, Path tmp) throws IOException {
        String who = mirror == null ? url : "mirror " + mirror;
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) new URL(url).openConnection();
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("cannot open " + url + " (" + describe(e) + ")");
        }
        c.setConnectTimeout((int) limits.connect().toMillis());
        c.setReadTimeout((int) limits.read().toMillis());
        c.setInstanceFollowRedirects(true);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("GET " + url + " returned HTTP " + status);
            }
            long start = System.nanoTime();
            long bytes = 0;
            byte[] buf = new byte[1 << 16];
            try (InputStream in = c.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    bytes += n;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (seconds > limits.rateWindow().toMillis() / 1000.0 && bytes / seconds < limits.minBytesPerSecond()) {
                        throw new IOException(who + " is too slow: " + bytes + " bytes in " + Math.round(seconds) + " s (needs " + limits.minBytesPerSecond() + " bytes/s)");
                    }
                }
            }
        } catch (SocketTimeoutException e) {
            throw new IOException(who + " did not answer within " + limits.read().toSeconds() + " s (" + url + ")");
        } catch (ConnectException | UnknownHostException e) {
            throw new IOException("cannot reach " + who + " (" + describe(e) + ")");
        } finally {
            c.disconnect();
        }
    }

    /** A plain reason for a network failure, without exception class names. */
    private static String describe(Exception e) {
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "no answer" : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** The outermost folder on the way to {@code dir} that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path first = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            first = p;
        }
        return first;
    }

    /** Deletes a file, or a folder with what is in it. */
    private static void deleteQuietly(Path p) {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // nothing to clean, or already gone
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
