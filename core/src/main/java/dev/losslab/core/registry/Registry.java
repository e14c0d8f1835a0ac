package dev.losslab.core.registry;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
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

    /**
     * The components of every jar on the class path (loaded once): each jar's
     * {@value #INDEX}, written at compile time from its {@link Registered} fields.
     */
    public static Registry defaults() {
        if (defaultRegistry == null) {
            synchronized (Registry.class) {
                if (defaultRegistry == null) {
                    defaultRegistry = new Registry(indexed(Registry.class.getClassLoader()));
                }
            }
        }
        return defaultRegistry;
    }

    /** Where the annotation processor lists a jar's {@link Registered} fields, one {@code class#FIELD} per line. */
    public static final String INDEX = "META-INF/losslab/components";

    private static List<Component<?>> indexed(ClassLoader loader) {
        List<Component<?>> all = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(INDEX))) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line : r.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                        all.add(declared(loader, line, url));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the component index " + INDEX, e);
        }
        return all;
    }

    private static Component<?> declared(ClassLoader loader, String entry, URL index) {
        int hash = entry.indexOf('#');
        try {
            Field f = Class.forName(entry.substring(0, hash), true, loader).getField(entry.substring(hash + 1));
            if (!Modifier.isStatic(f.getModifiers()) || !(f.get(null) instanceof Component<?> c)) {
                throw new IllegalStateException(entry + " is not a static Component field");
            }
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("stale component index " + index + " (entry " + entry + "): rebuild the module", e);
        }
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
