package dev.losslab.cli;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Registry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code losslab docs [--check] [--root DIR]}: writes (or checks) the registry's tables in README.md and docs/CATALOG.md. */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "Write the registry's tables into README.md and docs/CATALOG.md (or --check them).")
final class DocsCommand implements Callable<Integer> {
    @Option(names = "--root", defaultValue = ".", description = "repository root (default: .)")
    Path root;

    @Option(names = "--check", description = "only check; exit 3 when a file differs from what the registry says")
    boolean check;

    @Override
    public Integer call() throws IOException {
        List<Component<?>> components = new ArrayList<>(Registry.defaults().all());
        boolean stale = false;
        stale |= update(root.resolve("README.md"), GeneratedDocs.README_KEY, GeneratedDocs.readmeTable(components));
        stale |= update(root.resolve("docs/CATALOG.md"), GeneratedDocs.CATALOG_KEY, GeneratedDocs.catalogTable(components));
        return check && stale ? 3 : 0;
    }

    /** Rewrites (or, with --check, compares) one file; returns whether it differed. */
    private boolean update(Path file, String key, String content) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidArgumentException("root", "no " + root.relativize(file) + " under " + root);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String updated = GeneratedDocs.replace(text, key, content);
        if (updated.equals(text)) {
            return false;
        }
        if (check) {
            System.err.println(file + ": the registry's table differs; run ./losslab docs");
        } else {
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            System.out.println("updated " + file);
        }
        return true;
    }
}
