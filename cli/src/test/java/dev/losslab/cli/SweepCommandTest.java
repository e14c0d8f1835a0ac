package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab sweep} on local mode writes its tables and report; a bad grid or an unreachable master exits 2 naming it, before anything runs. */
class SweepCommandTest {
    static final String GRID = """
            {
              "data": ["synthetic:gaussian:150,4,3"],
              "losses": [{"name": "cross-entropy"}, {"name": "mae"}],
              "lr": [0.1, 0.3],
              "seeds": [0],
              "folds": 2,
              "epochs": 2
            }
            """;

    @Test
    void sweepsOnLocalModeAndReports(@TempDir Path dir) throws Exception {
        Path grid = Files.writeString(dir.resolve("grid.json"), GRID);
        CliTest.Run r = CliTest.run("sweep", "--grid", grid.toString(), "--master", "local[2]", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("8 runs") && r.out().contains("0 failed"), r.out());
        assertEquals(9, Files.readAllLines(dir.resolve("out/results.csv")).size());
        assertTrue(Files.isDirectory(dir.resolve("out/results.parquet")));
        String report = Files.readString(dir.resolve("out/report.md"));
        assertTrue(report.contains("2-fold cross-validation") && report.contains("accuracy-vs-noise-1.png"), report);
        assertTrue(Files.exists(dir.resolve("out/accuracy-vs-noise-1.png")));
        CliTest.Run resumed = CliTest.run("sweep", "--grid", grid.toString(), "--master", "local[2]", "--out", dir.resolve("out").toString(), "--resume");
        assertTrue(resumed.out().contains("0 runs") && resumed.out().contains("8 skipped"), resumed.out());
    }

    @Test
    void refusesABadGridOrMasterByName(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), GRID.replace("\"mae\"", "\"maee\""));
        CliTest.Run r = CliTest.run("sweep", "--grid", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("grid: line 3: loss 'maee'"), r.err());
        Path good = Files.writeString(dir.resolve("grid.json"), GRID);
        CliTest.Run master = CliTest.run("sweep", "--grid", good.toString(), "--master", "spark://127.0.0.1:1", "--out", dir.resolve("y").toString());
        assertEquals(2, master.code());
        assertTrue(master.err().strip().lines().count() == 1 && master.err().contains("master: cannot reach spark://127.0.0.1:1"), master.err());
        CliTest.Run form = CliTest.run("sweep", "--grid", good.toString(), "--master", "yarn", "--out", dir.resolve("z").toString());
        assertTrue(form.code() == 2 && form.err().contains("master:"), form.err());
        assertTrue(!Files.exists(dir.resolve("y")) && !Files.exists(dir.resolve("z")), "nothing written before the checks pass");
    }

    /** The official protocol through Spark is paper 09's: --full elsewhere, or --spark without --full, exits 2 naming the option. */
    @Test
    void reproduceFullIsForPaper09(@TempDir Path dir) {
        CliTest.Run other = CliTest.run("reproduce", "64", "--full", "--out", dir.resolve("a").toString());
        assertTrue(other.code() == 2 && other.err().startsWith("losslab: full:"), other.err());
        CliTest.Run alone = CliTest.run("reproduce", "09", "--spark", "local[2]", "--out", dir.resolve("b").toString());
        assertTrue(alone.code() == 2 && alone.err().startsWith("losslab: spark: needs --full"), alone.err());
        CliTest.Run resume = CliTest.run("reproduce", "09", "--resume", "--out", dir.resolve("d").toString());
        assertTrue(resume.code() == 2 && resume.err().startsWith("losslab: resume: needs --full"), resume.err());
        CliTest.Run noData = CliTest.run("reproduce", "09", "--full", "--data-dir", dir.toString(), "--out", dir.resolve("c").toString());
        assertTrue(noData.code() == 2 && noData.err().startsWith("losslab: data-dir:"), "refused before the reproduction runs: " + noData.err());
    }
}
