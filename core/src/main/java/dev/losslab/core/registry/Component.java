package dev.losslab.core.registry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A registered component: a stable kebab-case name, what it is, where it comes from, and how to
 * build it from validated parameters.
 *
 * @param name stable kebab-case name, e.g. {@code ldr-kl}
 * @param kind loss, optimizer, schedule, ...
 * @param family package-level family, e.g. {@code classification}
 * @param papers paper numbers (see docs/CATALOG.md); empty for standard baselines
 * @param summary one line
 * @param params typed parameters with defaults and ranges
 * @param factory builds the component
 * @param <T> what the factory builds
 */
public record Component<T>(
        String name, Kind kind, String family, List<Integer> papers, String summary, List<Param> params, Function<Params, T> factory) {

    public Component {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("component names are kebab-case: " + name);
        }
        papers = List.copyOf(papers);
        params = List.copyOf(params);
    }

    /** Builds with the given raw or typed parameter values (defaults for the rest). */
    public T create(Map<String, ?> given) {
        return factory.apply(Params.of(params, given));
    }
}
