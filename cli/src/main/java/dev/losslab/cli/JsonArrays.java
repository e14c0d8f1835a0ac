package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.google.gson.stream.JsonWriter;
import dev.losslab.core.InvalidArgumentException;
import java.io.IOException;

/**
 * An output array of {@code losslab loss}, copied to the host and checked before anything is
 * printed: a non-finite entry is an error naming the array (JSON has no Infinity or NaN). Written
 * as nested JSON arrays straight to a stream, so a large result never exists as a JSON tree.
 */
record JsonArrays(double[] flat, long[] shape) {

    static JsonArrays of(String name, NDArray a) {
        double[] flat = a.toType(DataType.FLOAT64, false).toDoubleArray();
        for (double v : flat) {
            if (!Double.isFinite(v)) {
                throw new InvalidArgumentException(name, "is " + v + " for this input: the computation overflows float64 (inputs of this magnitude are outside the loss's range)");
            }
        }
        return new JsonArrays(flat, a.getShape().getShape());
    }

    void write(JsonWriter w) throws IOException {
        if (shape.length == 0) {
            w.value(flat[0]);
            return;
        }
        write(w, 0, new int[] {0});
    }

    private void write(JsonWriter w, int depth, int[] pos) throws IOException {
        w.beginArray();
        for (long i = 0; i < shape[depth]; i++) {
            if (depth == shape.length - 1) {
                w.value(flat[pos[0]++]);
            } else {
                write(w, depth + 1, pos);
            }
        }
        w.endArray();
    }
}
