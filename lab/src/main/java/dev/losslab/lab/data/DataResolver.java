package dev.losslab.lab.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where data sets are looked up, in order: an explicit {@code --data-dir}, the
 * {@code LOSSLAB_DATA} environment variable, then {@code ~/.losslab/data}. Inside each root the
 * layout is that of {@code shared/datasets} (e.g. {@code sklearn/digits.csv.gz}).
 */
public final class DataResolver {
    public static final String ENV = "LOSSLAB_DATA";

    private final List<Path> roots;

    public DataResolver(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** The standard search order; {@code dataDir} may be null. */
    public static DataResolver standard(Path dataDir) {
        List<Path> roots = new ArrayList<>();
        if (dataDir != null) {
            roots.add(dataDir);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            roots.add(Path.of(env));
        }
        roots.add(defaultHome());
        return new DataResolver(roots);
    }

    public static Path defaultHome() {
        return Path.of(System.getProperty("user.home"), ".losslab", "data");
    }

    public List<Path> roots() {
        return roots;
    }

    /** The first existing {@code root/relative}. */
    public Optional<Path> find(String relative) {
        return roots.stream().map(r -> r.resolve(relative)).filter(Files::isRegularFile).findFirst();
    }
}
