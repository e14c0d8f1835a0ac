package dev.losslab.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.report.ReportWriter;
import dev.losslab.lab.repro.ReproOptions;
import dev.losslab.lab.repro.ReproResult;
import dev.losslab.lab.repro.Reproduction;
import dev.losslab.lab.repro.Reproductions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full protocols (`losslab reproduce NN` without --quick) over the spec's seeds, on the real
 * data sets: every check holds except the {@link ReproductionClaimsTest#KNOWN_MISSES}. Tagged
 * {@code full} (about 15 minutes on one thread), so it runs only with
 * {@code ./mvnw verify -Pfull-protocols}; the reports are written under lab/target/full-protocols.
 */
@Tag("full")
class FullProtocolTest {

    static Stream<String> papers() {
        return Reproductions.all().stream().map(r -> r.about().number());
    }

    @ParameterizedTest
    @MethodSource("papers")
    void fullProtocolHolds(String paper) throws Exception {
        Path data = SharedData.root();
        Reproduction repro = Reproductions.find(paper).orElseThrow();
        ReproResult r = repro.run(new ReproOptions(false, 0, new DataResolver(List.of(data))), m -> {});
        assertFalse(r.quick());
        ReproductionClaimsTest.assertHolds(r);
        ReportWriter w = new ReportWriter(Path.of("target", "full-protocols"), "./mvnw -B -Pfull-protocols -pl lab -am test");
        Path dir = w.write(r);
        w.writeIndex();
        assertTrue(Files.exists(dir.resolve("result.json")));
    }
}
