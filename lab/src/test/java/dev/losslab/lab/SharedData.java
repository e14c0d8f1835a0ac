package dev.losslab.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real data sets: {@code $LOSSLAB_DATA} when set, else a {@code shared/datasets} folder
 * beside the checkout or above it; tests that need it skip when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** The folder, or null. */
    public static Path rootOrNull() {
        String env = System.getenv("LOSSLAB_DATA");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("shared").resolve("datasets");
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }

    /** The folder; skips the calling test with a clear message when it is absent. */
    public static Path root() {
        Path r = rootOrNull();
        assumeTrue(r != null, "skipped: ../shared/datasets not found beside the checkout (real-data test)");
        return r;
    }
}
