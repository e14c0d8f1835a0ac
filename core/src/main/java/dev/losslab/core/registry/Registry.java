package dev.losslab.core.registry;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** All components declared on the class path ({@link Registered} fields), by name. */
public final class Registry {
    private static volatile Registry defaultRegistry;

    private final Map<String, Component<?>> byName = new TreeMap<>();

    /** A registry of the given components; duplicate names are an error. */
    public Registry(Collection<Component<?>> components) {
        for (Component<?> c : components) {
            if (byName.put(c.name(), c) != null) {
                throw new IllegalStateException("component registered twice: " + c.name());
            }
        }
    }

    /** The components of every jar on the class path (loaded once), read from their compile-time {@link Declarations} index. */
    public static Registry defaults() {
        if (defaultRegistry == null) {
            synchronized (Registry.class) {
                if (defaultRegistry == null) {
                    List<Component<?>> all = new ArrayList<>();
                    Declarations.of(Component.class, Registry.class.getClassLoader()).forEach(all::add);
                    defaultRegistry = new Registry(all);
                }
            }
        }
        return defaultRegistry;
    }

    /** Components sorted by name. */
    public Collection<Component<?>> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public Component<?> get(String name) {
        Component<?> c = byName.get(name);
        if (c == null) {
            boolean trainModule = byName.values().stream().anyMatch(k -> k.kind() == Kind.OPTIMIZER);
            throw new InvalidArgumentException("name", "unknown component '" + name + "' among the " + byName.size() + " on the class path (see `losslab list`)"
                    + (trainModule ? "" : "; losslab-core registers the losses only: optimizers and schedules come with the losslab-train artifact"));
        }
        return c;
    }

    /** Builds the loss {@code name} with the given parameters. */
    public Objective objective(String name, Map<String, ?> params) {
        return create(name, Kind.LOSS, Objective.class, params);
    }

    /**
     * Builds the component {@code name}, which must be of {@code kind}, as a {@code type}: the typed
     * look-up behind {@link #objective} and the optimizer and schedule look-ups of the modules that
     * define those types (e.g. {@code create("adamw", Kind.OPTIMIZER, OptimizerFactory.class, params)}).
     */
    public <T> T create(String name, Kind kind, Class<T> type, Map<String, ?> params) {
        Component<?> c = get(name);
        if (c.kind() != kind) {
            throw new InvalidArgumentException("name", "'" + name + "' is a " + c.kind().label() + ", not a " + kind.label());
        }
        Object built = c.create(params);
        if (!type.isInstance(built)) {
            throw new IllegalStateException("component '" + name + "' builds a " + built.getClass().getName() + ", not a " + type.getName());
        }
        return type.cast(built);
    }
}
