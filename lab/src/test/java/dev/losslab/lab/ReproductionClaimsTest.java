package dev.losslab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.report.ReportWriter;
import dev.losslab.lab.repro.Check;
import dev.losslab.lab.repro.ReproOptions;
import dev.losslab.lab.repro.ReproResult;
import dev.losslab.lab.repro.Reproduction;
import dev.losslab.lab.repro.Reproductions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each paper's claim holds on the CI-sized protocol over 3 seeds: on the real data set (when
 * ../shared/datasets is present), and without it (on the synthetic stand-in, or on the paper's own
 * synthetic task); the report files are written. The checks listed in {@link #KNOWN_MISSES} do not
 * hold with the spec's thresholds on the spec's seeds (see docs/CATALOG.md); they must still be
 * evaluated, and every other check must hold.
 */
class ReproductionClaimsTest {
    /** Paper → checks reported as not holding (CATALOG explains each). */
    static final Map<String, Set<String>> KNOWN_MISSES = Map.of(
            "33", Set.of("AutoLRS / best constant, worst seed (spec: ≤ 1.1 on every seed)"),
            "44", Set.of("⊥AdamW + CE: test accuracy at epoch 2000 (worst seed)"),
            "64", Set.of("gaussian: RMSE HL-Gauss ≤ 0.85 × RMSE MSE"));

    static void assertHolds(ReproResult r) {
        Set<String> allowed = KNOWN_MISSES.getOrDefault(r.about().number(), Set.of());
        String failed = r.checks().stream().filter(c -> !c.holds() && !allowed.contains(c.description()))
                .map(c -> c.description() + ": " + c.measured() + (c.atMost() ? " > " : " < ") + c.threshold()).collect(Collectors.joining("; "));
        assertTrue(failed.isEmpty(), r.id() + " on " + r.dataset() + " failed: " + failed);
        for (String miss : allowed) {
            assertTrue(r.checks().stream().anyMatch(c -> c.description().equals(miss) && c.evaluated()), r.id() + ": known miss '" + miss + "' not evaluated");
        }
        assertTrue(r.checks().stream().anyMatch(Check::evaluated), r.id() + ": no check evaluated");
        assertTrue(r.seeds().length >= 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "02", "04", "06", "09", "10", "11", "13", "16", "18", "25", "31", "33", "37", "45", "48", "54", "58"})
    void holdsOnRealData(String paper, @TempDir Path out) throws Exception {
        Path data = SharedData.root();
        Reproduction repro = Reproductions.find(paper).orElseThrow();
        ReproResult r = repro.run(new ReproOptions(true, 3, new DataResolver(List.of(data))), m -> {});
        assertFalse(r.synthetic());
        assertHolds(r);
        ReportWriter w = new ReportWriter(out, "test");
        Path dir = w.write(r);
        w.writeIndex();
        assertTrue(Files.readString(dir.resolve("result.json")).contains("\"holds\": true"));
        assertTrue(Files.size(dir.resolve(r.plots().get(0).file())) > 1000, "plot written");
        assertTrue(Files.readString(out.resolve("index.html")).contains(r.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "04", "07", "08", "09", "11", "12", "13", "14", "16", "27", "31", "32", "35", "36", "37", "41", "42", "43", "44", "45", "47", "50", "51", "53", "54", "55", "56", "59", "60", "63", "64", "65"})
    void holdsWithoutRealData(String paper) {
        Reproduction repro = Reproductions.find(paper).orElseThrow();
        ReproResult r = repro.run(new ReproOptions(true, 3, new DataResolver(List.of())), m -> {});
        assertTrue(r.dataset().startsWith("synthetic"), r.dataset());
        assertHolds(r);
    }
}
