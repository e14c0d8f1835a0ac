package dev.losslab.core.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads the compile-time index of {@link Registered} fields: every jar lists its fields of type T
 * in {@code META-INF/losslab/index/T}, one {@code binary.class.Name#FIELD} per line.
 */
public final class Declarations {
    /** The folder of the per-type index files. */
    public static final String INDEX_FOLDER = "META-INF/losslab/index/";

    private Declarations() {}

    /** The index resource that lists the declarations of {@code type}. */
    public static String index(Class<?> type) {
        return INDEX_FOLDER + type.getName();
    }

    /** The values of every indexed field of {@code type} on the class path of {@code loader}. */
    public static <T> List<T> of(Class<T> type, ClassLoader loader) {
        List<T> all = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(index(type)))) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line : r.lines().map(String::trim).filter(l -> !l.isEmpty()).toList()) {
                        all.add(value(type, loader, line, url));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index " + index(type), e);
        }
        return all;
    }

    private static <T> T value(Class<T> type, ClassLoader loader, String entry, URL index) {
        int hash = entry.indexOf('#');
        try {
            Field f = Class.forName(entry.substring(0, hash), true, loader).getField(entry.substring(hash + 1));
            if (!Modifier.isStatic(f.getModifiers()) || !type.isInstance(f.get(null))) {
                throw new IllegalStateException(entry + " is not a static " + type.getSimpleName() + " field");
            }
            return type.cast(f.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("stale index " + index + " (entry " + entry + "): rebuild the module", e);
        }
    }
}
