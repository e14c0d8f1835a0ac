package dev.losslab.core.registry;

import dev.losslab.core.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated hyperparameter values of one component: every declared parameter has a value. */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Fills defaults, then applies {@code given} (raw strings or typed values).
     *
     * @throws InvalidArgumentException for an unknown name or an invalid value
     */
    public static Params of(List<Param> specs, Map<String, ?> given) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (Param p : specs) {
            v.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, ?> e : given.entrySet()) {
            Param p = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst().orElseThrow(() -> new InvalidArgumentException(
                    e.getKey(), "unknown parameter (known: " + specs.stream().map(Param::name).toList() + ")"));
            v.put(p.name(), p.validate(e.getValue()));
        }
        return new Params(v);
    }

    public double real(Param p) {
        return ((Number) require(p.name())).doubleValue();
    }

    public int integer(Param p) {
        return ((Number) require(p.name())).intValue();
    }

    /** The values of an INTS parameter. */
    public int[] integers(Param p) {
        return ((List<?>) require(p.name())).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    /** The values of a REALS parameter. */
    public double[] reals(Param p) {
        return ((List<?>) require(p.name())).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    /** The values of a CHOICES parameter. */
    public List<String> choices(Param p) {
        return ((List<?>) require(p.name())).stream().map(String::valueOf).toList();
    }

    public boolean bool(Param p) {
        return (Boolean) require(p.name());
    }

    public String choice(Param p) {
        return (String) require(p.name());
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object o = values.get(name);
        if (o == null) {
            throw new IllegalStateException("no parameter '" + name + "' declared");
        }
        return o;
    }
}
