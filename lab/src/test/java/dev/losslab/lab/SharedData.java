package dev.losslab.lab;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared/datasets beside the checkout; tests that need it skip when it is absent. */
public final class SharedData {
    private SharedData() {}

    /** The folder, or null. */
    public static Path rootOrNull() {
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
