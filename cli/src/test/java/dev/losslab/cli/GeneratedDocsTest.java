package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's and docs/CATALOG.md's registry tables are what the registry says (`./losslab docs` writes them). */
class GeneratedDocsTest {

    @Test
    void committedTablesMatchTheRegistry() {
        CliTest.Run r = CliTest.run("docs", "--check", "--root", "..");
        assertEquals(0, r.code(), "stale generated tables; run ./losslab docs: " + r.err());
    }

    /** A stale table is caught, and `losslab docs` rewrites it. */
    @Test
    void aStaleTableIsCaughtAndRewritten(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("docs"));
        String readme = Files.readString(Path.of("..", "README.md"));
        Files.writeString(dir.resolve("README.md"), readme.replace("`focal`, ", ""));
        Files.copy(Path.of("..", "docs", "CATALOG.md"), dir.resolve("docs/CATALOG.md"));
        assertEquals(3, CliTest.run("docs", "--check", "--root", dir.toString()).code());
        assertEquals(0, CliTest.run("docs", "--root", dir.toString()).code());
        assertEquals(readme, Files.readString(dir.resolve("README.md")));
        assertTrue(CliTest.run("docs", "--check", "--root", dir.toString()).code() == 0);
    }
}
