package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.report.ReportWriter;
import dev.losslab.lab.repro.ReproOptions;
import dev.losslab.lab.repro.ReproResult;
import dev.losslab.lab.repro.Reproduction;
import dev.losslab.lab.repro.Reproductions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab reproduce NN|all [--quick] [--seeds K] [--data-dir DIR] [--out DIR]}. */
@Command(name = "reproduce", mixinStandardHelpOptions = true, description = "Run papers' central experiments and write reports (result.json, report.md, PNG, index.html).")
final class ReproduceCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "paper number (e.g. 04) or 'all'")
    String which;

    @Option(names = "--quick", description = "CI-sized protocol")
    boolean quick;

    @Option(names = "--seeds", description = "number of seeds, ≥ 1 (default: the spec's)")
    Integer seeds;

    @Option(names = "--data-dir", description = "data root searched before $LOSSLAB_DATA and ~/.losslab/data")
    Path dataDir;

    @Option(names = "--out", defaultValue = "report", description = "output folder (default: report)")
    Path out;

    @Option(names = "--full", description = "paper 09 only: also run the official protocol (15 losses, the official grids, 5-fold cross-validation,"
            + " 3 noise settings, 3 seeds: 3,510 runs) through losslab sweep and add its cross-validated table to the report")
    boolean full;

    @Option(names = "--spark", description = "with --full: the Spark master for the official protocol (default: local[1]; see losslab sweep)")
    String spark;

    @Option(names = "--resume", description = "with --full: keep the official protocol's runs already finished in the output folder and run the rest"
            + " (an interrupted --full run goes on where it stopped)")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        if (seeds != null && seeds < 1) {
            throw new InvalidArgumentException("seeds", "must be ≥ 1, got " + seeds);
        }
        List<Reproduction> runs = which.equals("all") ? Reproductions.all()
                : List.of(Reproductions.find(which).orElseThrow(() -> new InvalidArgumentException("paper",
                        "no reproduction for '" + which + "' (available: "
                                + Reproductions.all().stream().map(r -> r.about().number()).toList() + ")")));
        if ((full || spark != null) && !which.equals("09")) {
            throw new InvalidArgumentException(full ? "full" : "spark", "the official protocol through Spark is built for paper 09 only");
        }
        if (spark != null && !full) {
            throw new InvalidArgumentException("spark", "needs --full");
        }
        if (resume && !full) {
            throw new InvalidArgumentException("resume", "needs --full (it resumes the official protocol's sweep)");
        }
        OutputFolder.prepare(out, "out");
        ReproOptions options = new ReproOptions(quick, seeds == null ? 0 : seeds, DataResolver.standard(dataDir));
        List<dev.losslab.spark.GridPoint> official = full ? dev.losslab.spark.OfficialGrids.paper09(options.data()) : null; // checks the data first
        String command = "losslab reproduce " + which + (quick ? " --quick" : "") + (seeds != null ? " --seeds " + seeds : "")
                + (dataDir != null ? " --data-dir " + dataDir : "") + (full ? " --full" : "") + (spark != null ? " --spark " + spark : "")
                + (resume ? " --resume" : "") + " --out " + out;
        ReportWriter writer = new ReportWriter(out, command);
        StringBuilder summary = new StringBuilder(String.format("%n%-32s %-10s %-8s %s%n", "REPRODUCTION", "VERDICT", "SECONDS", "DATA"));
        boolean allHold = true;
        for (Reproduction r : runs) {
            ReproResult result;
            try (ProgressBar bar = ProgressBars.start(r.id(), r.workUnits(options))) {
                result = r.run(options, msg -> {
                    bar.step();
                    bar.setExtraMessage(msg);
                });
            }
            OfficialProtocol09 officialRun = full ? OfficialProtocol09.run(official, spark == null ? "local[1]" : spark, writer.folder(result), resume) : null;
            if (officialRun != null) {
                result = officialRun.addTo(result);
            }
            Path dir = writer.write(result);
            if (officialRun != null) {
                officialRun.appendTo(dir);
            }
            allHold &= result.holds();
            summary.append(String.format("%-32s %-10s %-8.1f %s%n", result.id(), result.about().isBlocked() ? "blocked" : result.holds() ? "holds" : "FAILS",
                    result.seconds(),
                    result.synthetic() ? "synthetic stand-in" : result.dataset()));
            System.err.println("wrote " + dir);
        }
        Path index = writer.writeIndex();
        System.out.print(summary);
        System.out.println("index: " + index);
        return allHold ? 0 : 3;
    }
}
