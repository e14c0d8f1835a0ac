package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named arrays handed to an {@link Objective}, e.g. {@code logits} and {@code labels}. */
public final class Inputs {
    /** Optional per-sample weights [N] used by the reduction (sample reweighting). */
    private final Map<String, NDArray> arrays;

    private Inputs(Map<String, NDArray> arrays) {
        this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    public static Inputs of(Map<String, NDArray> arrays) {
        return new Inputs(arrays);
    }

    public static Inputs of(String name, NDArray array) {
        return new Inputs(Map.of(name, array));
    }

    public static Inputs of(String n1, NDArray a1, String n2, NDArray a2) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        m.put(n1, a1);
        m.put(n2, a2);
        return new Inputs(m);
    }

    /** Returns the input or throws an {@link InvalidArgumentException} naming it. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new InvalidArgumentException(name, "missing input (given: " + arrays.keySet() + ")");
        }
        return a;
    }

    public boolean has(String name) {
        return arrays.containsKey(name);
    }

    public Map<String, NDArray> asMap() {
        return arrays;
    }

    /** A copy with one more (or a replaced) entry. */
    public Inputs with(String name, NDArray array) {
        Map<String, NDArray> m = new LinkedHashMap<>(arrays);
        m.put(name, array);
        return new Inputs(m);
    }
}
