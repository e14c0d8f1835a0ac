package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import dev.losslab.core.InvalidArgumentException;

/** Writes NDArrays as JSON (nested) number arrays; a non-finite entry is an error naming the array. */
final class JsonArrays {
    private JsonArrays() {}

    static JsonElement fromNDArray(String name, NDArray a) {
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        for (double v : flat) {
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException(name, "is " + v + " for this input: the computation overflows float64 (inputs of this magnitude are outside the loss's range)");
            }
        }
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
