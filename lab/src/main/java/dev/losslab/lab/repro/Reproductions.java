package dev.losslab.lab.repro;

import dev.losslab.core.registry.Declarations;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every reproduction on the class path (its {@code @Registered} field), by paper number. */
public final class Reproductions {
    private Reproductions() {}

    /** Sorted by paper number, then slug. */
    public static List<Reproduction> all() {
        return Declarations.of(Reproduction.class, Reproductions.class.getClassLoader()).stream()
                .sorted(Comparator.comparing(Reproduction::id)).toList();
    }

    /** By number ("4", "04") or by id ("04-comp-sum-tau-sweep"). */
    public static Optional<Reproduction> find(String key) {
        return all().stream().filter(r -> key.matches("\\d{1,2}") ? r.about().paper() == Integer.parseInt(key) : r.id().equals(key)).findFirst();
    }
}
