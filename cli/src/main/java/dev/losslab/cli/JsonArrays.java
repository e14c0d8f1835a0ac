package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.losslab.core.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/** Converts between JSON (nested, rectangular) number arrays and NDArrays. */
final class JsonArrays {
    private JsonArrays() {}

    static NDArray toNDArray(NDManager m, String name, JsonElement e, DataType type) {
        List<Long> shape = new ArrayList<>();
        JsonElement cur = e;
        while (cur.isJsonArray()) {
            JsonArray a = cur.getAsJsonArray();
            shape.add((long) a.size());
            if (a.size() == 0) {
                break;
            }
            cur = a.get(0);
        }
        long size = shape.stream().reduce(1L, (x, y) -> x * y);
        double[] flat = new double[(int) size];
        int[] pos = {0};
        fill(name, e, shape, 0, flat, pos);
        NDArray arr = m.create(flat, new Shape(shape.stream().mapToLong(Long::longValue).toArray()));
        return type == DataType.FLOAT64 ? arr : arr.toType(type, false);
    }

    private static void fill(String name, JsonElement e, List<Long> shape, int depth, double[] flat, int[] pos) {
        if (depth == shape.size()) {
            if (!e.isJsonPrimitive() || !(e.getAsJsonPrimitive().isNumber() || e.getAsJsonPrimitive().isString())) {
                throw new InvalidArgumentException(name, "expected numbers, got " + e);
            }
            JsonPrimitive p = e.getAsJsonPrimitive();
            try {
                flat[pos[0]++] = p.isNumber() ? p.getAsDouble() : Double.parseDouble(p.getAsString());
            } catch (NumberFormatException ex) {
                throw new InvalidArgumentException(name, "expected numbers, got " + e);
            }
            return;
        }
        if (!e.isJsonArray() || e.getAsJsonArray().size() != shape.get(depth)) {
            throw new InvalidArgumentException(name, "ragged array: expected " + shape.get(depth) + " entries at depth " + depth);
        }
        for (JsonElement c : e.getAsJsonArray()) {
            fill(name, c, shape, depth + 1, flat, pos);
        }
    }

    static JsonElement fromNDArray(NDArray a) {
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        long[] shape = a.getShape().getShape();
        if (shape.length == 0) {
            return new JsonPrimitive(flat[0]);
        }
        int[] pos = {0};
        return build(flat, shape, 0, pos);
    }

    private static JsonArray build(double[] flat, long[] shape, int depth, int[] pos) {
        JsonArray arr = new JsonArray();
        for (long i = 0; i < shape[depth]; i++) {
            if (depth == shape.length - 1) {
                arr.add(flat[pos[0]++]);
            } else {
                arr.add(build(flat, shape, depth + 1, pos));
            }
        }
        return arr;
    }
}
