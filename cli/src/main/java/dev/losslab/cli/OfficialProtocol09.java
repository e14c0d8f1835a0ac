package dev.losslab.cli;

import dev.losslab.spark.GridPoint;
import dev.losslab.spark.OfficialGrids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code losslab reproduce 09 --full}: paper 09's official protocol ({@link OfficialGrids#paper09})
 * through {@code losslab sweep}, into the reproduction's folder ({@code official-protocol/}), its
 * report appended to the reproduction's report under a heading that names the protocol.
 */
final class OfficialProtocol09 {
    private OfficialProtocol09() {}

    /** Runs {@code points} (from {@link OfficialGrids#paper09}) on {@code master} and appends the report. */
    static void run(List<GridPoint> points, String master, Path reproductionDir) throws IOException {
        Path dir = reproductionDir.resolve("official-protocol");
        String report = SweepCommand.run(points, OfficialGrids.PAPER_09, master, 2, dir, false);
        String section = "\n## Official protocol (losslab reproduce 09 --full)\n\nThe 15 losses with the official code's grids (spec 09), SGD with momentum 0.9"
                + " and weight decay 5e-3, learning rate in {0.001, 0.01} divided by 10 at epochs 50 and 75, 100 epochs, batch 64, a 64 → 10 → 10 → 10 tanh MLP"
                + " (width min(input, classes) as the official models.py), standardised features, a 60/40 split per seed (0–2), hyperparameters selected by"
                + " 5-fold cross-validation on the noisy training rows. Tables and plots in official-protocol/.\n\n"
                + report.replace("](accuracy-vs-noise", "](official-protocol/accuracy-vs-noise").replace("\n# ", "\n### ").replace("\n## ", "\n### ")
                        .replaceFirst("^# LossLab sweep\n", "");
        Files.writeString(reproductionDir.resolve("report.md"), section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
