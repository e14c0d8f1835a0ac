package dev.losslab.lab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.losslab.lab.repro.About;
import dev.losslab.lab.repro.Check;
import dev.losslab.lab.repro.Findings;
import dev.losslab.lab.repro.Plot;
import dev.losslab.lab.repro.Progress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written index page in headless Chromium through {@code scripts/render-index.sh} and checks
 * that the browser decodes every plot; skips when Debian's chromium is not installed.
 */
class IndexPageBrowserTest {

    @Test
    void chromiumRendersEveryPlot(@TempDir Path out) throws Exception {
        Path browser = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(browser), "skipped: /usr/bin/chromium not installed (Debian package chromium)");
        for (int paper : new int[] {4, 9}) {
            Findings f = new Findings(new About(paper, "demo", "Demo " + paper, "A claim.", "accuracy"), false, new int[] {0, 1, 2}, Progress.NONE)
                    .data("synthetic: demo", false);
            f.check(Check.atLeast("accuracy", 0.9, 0.8));
            for (String name : new String[] {"a.png", "b.png"}) {
                f.plot(Plot.bars(name, "Plot " + name, "x", "accuracy", List.of("one", "two"))
                        .series("s", new double[][] {{0.5, 0.6, 0.55}, {0.7, 0.8, 0.75}}).build());
            }
            new ReportWriter(out, "test").write(f.result());
        }
        Path index = new ReportWriter(out, "test").writeIndex();
        Path shot = out.resolve("shot.png");
        Process p = new ProcessBuilder(Path.of("..", "scripts", "render-index.sh").toString(), index.toString(), shot.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), printed);
        assertTrue(printed.contains("images rendered: 4 of 4"), printed);
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
    }
}
