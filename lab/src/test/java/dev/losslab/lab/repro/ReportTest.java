package dev.losslab.lab.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks say how close they came, a check not evaluated never passes, and reports show every plot and check. */
class ReportTest {
    private static final About ABOUT = new About(4, "demo", "Demo", "A claim.", "accuracy");

    private static ReproResult result(Check... checks) {
        Findings f = new Findings(ABOUT, true, new int[] {0, 1}, Progress.NONE).data("synthetic: demo", true);
        f.record("a", new double[] {0.5, 0.7});
        for (Check c : checks) {
            f.check(c);
        }
        double[][] perSeed = {{0.6, 0.62}, {0.8, Double.NaN}};
        f.plot(Plot.lines("first.png", "First", "x", "accuracy", List.of("1", "2")).series("a", perSeed).build());
        f.plot(Plot.bars("second.png", "Second", "x", "accuracy", List.of("1", "2")).series("a", perSeed).build());
        return f.result();
    }

    @Test
    void marginsAndVerdicts() {
        Check met = Check.atLeast("met", 0.9, 0.8);
        Check missed = Check.atMost("missed", 0.3, 0.25);
        Check vacuous = Check.notEvaluated("vacuous", 0.5, false, "every run diverged");
        assertEquals(0.1, met.margin(), 1e-12);
        assertEquals(-0.05, missed.margin(), 1e-12);
        assertFalse(vacuous.holds(), "a check not evaluated never passes");
        assertTrue(result(met, vacuous).holds(), "the evaluated checks decide");
        assertFalse(result(met, missed).holds());
        assertFalse(result(vacuous).holds(), "nothing evaluated: the claim is not shown to hold");
    }

    @Test
    void reportAndIndexShowEveryCheckAndPlot(@TempDir Path out) throws Exception {
        ReportWriter writer = new ReportWriter(out, "losslab reproduce 04 --quick --out " + out);
        writer.write(result(Check.atLeast("met", 0.9, 0.8), Check.notEvaluated("vacuous", 0.5, false, "every run diverged")));
        String md = Files.readString(out.resolve("04-demo/report.md"));
        assertTrue(md.contains("| met | 0.9000 | ≥ 0.8000 | 0.1000 | yes |"), md);
        assertTrue(md.contains("not evaluated: every run diverged"), md);
        String html = Files.readString(writer.writeIndex());
        assertTrue(html.contains("04-demo/first.png") && html.contains("04-demo/second.png"), "every plot is on the index page");
        assertTrue(html.contains("<td>met</td><td>0.9000</td>") && html.contains("not evaluated: every run diverged"), html);
        assertTrue(html.contains("--out " + out), "the full command is recorded");
    }

    @Test
    void pipesInCheckDescriptionsStayInTheirCell(@TempDir Path out) throws Exception {
        String md = Files.readString(new ReportWriter(out, "test").write(result(Check.atMost("|a − b|", 0.1, 0.2))).resolve("report.md"));
        assertTrue(md.contains("| \\|a − b\\| | 0.1000 |"), md);
    }

    @Test
    void titlesStateTheNumberOfSeeds() {
        Plot one = Plot.bars("a.png", "A", "x", "y", List.of("c")).series("s", new double[][] {{0.5}}).build();
        Plot three = Plot.lines("b.png", "B", "x", "y", List.of("1", "2")).series("s", new double[][] {{0.5, 0.6, Double.NaN}, {0.7, 0.8, 0.9}}).build();
        assertEquals("A (1 seed)", one.statedTitle());
        assertEquals("B (mean ± sd over 3 seeds; 1 diverged run excluded, marked)", three.statedTitle());
    }
}
