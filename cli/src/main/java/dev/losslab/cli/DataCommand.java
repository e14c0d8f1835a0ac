package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.data.DatasetCatalog;
import dev.losslab.lab.data.DatasetFetcher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab data list|fetch NAME|all}. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "List or download the public data sets the reproductions use.",
        subcommands = {DataCommand.ListData.class, DataCommand.Fetch.class})
final class DataCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List known data sets and where they are found.")
    static final class ListData implements Callable<Integer> {
        @Option(names = "--data-dir", description = "data root searched first")
        Path dataDir;

        @Override
        public Integer call() {
            DataResolver resolver = DataResolver.standard(dataDir);
            for (DatasetCatalog.Entry e : DatasetCatalog.ENTRIES) {
                String where = e.files().stream().map(f -> resolver.find(f.path()).map(Path::toString).orElse("missing")).toList().toString();
                System.out.printf("%-14s %s%n", e.name(), where);
            }
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, description = "Download data sets and verify their sha256.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(index = "0", description = "data-set name or 'all'")
        String name;

        @Option(names = "--data-dir", description = "where to store (default: $LOSSLAB_DATA or ~/.losslab/data)")
        Path dataDir;

        @Option(names = "--mirror", description = "base address replacing the canonical ones (mirror + relative path)")
        String mirror;

        @Override
        public Integer call() throws Exception {
            List<DatasetCatalog.Entry> entries = name.equals("all") ? DatasetCatalog.ENTRIES
                    : List.of(DatasetCatalog.get(name).orElseThrow(() -> new InvalidArgumentException("name", "unknown data set '" + name
                            + "' (known: " + DatasetCatalog.ENTRIES.stream().map(DatasetCatalog.Entry::name).toList() + ")")));
            Path root = dataDir != null ? dataDir : DataResolver.standard(null).roots().get(0);
            DatasetFetcher fetcher = new DatasetFetcher(root, mirror);
            for (DatasetCatalog.Entry e : entries) {
                for (Path p : fetcher.fetch(e)) {
                    System.out.println(e.name() + ": " + p);
                }
            }
            return 0;
        }
    }
}
