package dev.losslab.core.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A registered component: a stable kebab-case name, what it is, where it comes from, and how to
 * build it from validated parameters. Declared once, beside the class it builds, as a
 * {@link Registered} field:
 *
 * <pre>{@code
 * @Registered
 * public static final Component<Objective> COMPONENT = Component.declare("focal", Kind.LOSS, FAMILY)
 *         .summary("focal loss −(1−p_y)^gamma·log p_y").params(GAMMA)
 *         .build(p -> new Focal(p.real(GAMMA)));
 * }</pre>
 *
 * @param name stable kebab-case name, e.g. {@code ldr-kl}
 * @param kind loss, optimizer or schedule
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

    /** Starts the declaration of {@code name}. */
    public static Builder declare(String name, Kind kind, String family) {
        return new Builder(name, kind, family);
    }

    /** Builds with the given raw or typed parameter values (defaults for the rest). */
    public T create(Map<String, ?> given) {
        return factory.apply(Params.of(params, given));
    }

    /** The parts of a declaration before its factory. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private final String family;
        private List<Integer> papers = List.of();
        private String summary = "";
        private List<Param> params = List.of();

        private Builder(String name, Kind kind, String family) {
            this.name = name;
            this.kind = kind;
            this.family = family;
        }

        /** The catalog's paper numbers (none for a standard baseline). */
        public Builder papers(Integer... numbers) {
            papers = Arrays.asList(numbers);
            return this;
        }

        /** One line for {@code losslab list}. */
        public Builder summary(String line) {
            summary = line;
            return this;
        }

        /** The hyperparameters, in the order {@code losslab list} shows them. */
        public Builder params(Param... declared) {
            params = Arrays.asList(declared);
            return this;
        }

        public <T> Component<T> build(Function<Params, T> factory) {
            return new Component<>(name, kind, family, papers, summary, params, factory);
        }
    }
}
