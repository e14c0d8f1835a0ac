package dev.losslab.cli;

import dev.losslab.lab.repro.Check;
import dev.losslab.lab.repro.ReproResult;
import dev.losslab.spark.GridPoint;
import dev.losslab.spark.OfficialGrids;
import dev.losslab.spark.Paper09OfficialChecks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code losslab reproduce 09 --full}: paper 09's official protocol ({@link OfficialGrids#paper09})
 * through {@code losslab sweep}, into the reproduction's folder ({@code official-protocol/}). Its
 * checks ({@link Paper09OfficialChecks}) join the reproduction's, so result.json's {@code holds}
 * covers both protocols; its report is appended to the reproduction's under a heading that names
 * the protocol.
 *
 * @param section the report section to append
 * @param checks the claim's checks on the official protocol
 */
record OfficialProtocol09(String section, List<Check> checks) {

    /**
     * Runs {@code points} (from {@link OfficialGrids#paper09}) on {@code master} into
     * {@code reproductionDir/official-protocol}; with {@code resume}, the runs already finished there are kept.
     */
    static OfficialProtocol09 run(List<GridPoint> points, String master, Path reproductionDir, boolean resume) throws IOException {
        SweepCommand.Done done = SweepCommand.run(points, OfficialGrids.PAPER_09, master, 2, reproductionDir.resolve("official-protocol"), resume);
        String section = "\n## Official protocol (losslab reproduce 09 --full)\n\nThe 15 losses with the official code's grids (spec 09), SGD with momentum 0.9"
                + " and weight decay 5e-3, learning rate in {0.001, 0.01} divided by 10 at epochs 50 and 75, 100 epochs, batch 64, a 64 → 10 → 10 → 10 tanh MLP"
                + " (width min(input, classes) as the official models.py), standardised features, a 60/40 split per seed (0–2), hyperparameters selected by"
                + " 5-fold cross-validation on the noisy training rows. Its four checks are the last rows of the checks table above."
                + " Tables and plots in official-protocol/.\n\n"
                + done.report().replace("](accuracy-vs-noise", "](official-protocol/accuracy-vs-noise").replace("\n# ", "\n### ").replace("\n## ", "\n### ")
                        .replaceFirst("^# LossLab sweep\n", "");
        return new OfficialProtocol09(section, Paper09OfficialChecks.of(done.rows()));
    }

    /** {@code result} with this protocol's checks added and a note saying so. */
    ReproResult addTo(ReproResult result) {
        List<Check> all = new ArrayList<>(result.checks());
        all.addAll(checks);
        List<String> notes = new ArrayList<>(result.notes());
        notes.add("The last four checks are the official protocol's (losslab reproduce 09 --full; section below): the same margins, each loss at its"
                + " cross-validated settings, means over 3 seeds × 5 folds.");
        return new ReproResult(result.about(), result.dataset(), result.synthetic(), result.quick(), result.seeds(), result.values(), all, result.table(),
                result.plots(), notes, result.seconds());
    }

    /** Appends the section to the reproduction's report. */
    void appendTo(Path reproductionDir) throws IOException {
        Files.writeString(reproductionDir.resolve("report.md"), section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
