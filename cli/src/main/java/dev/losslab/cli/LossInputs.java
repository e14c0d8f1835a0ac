package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.io.StringReader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arrays of a {@code losslab loss} input file: every input the objective declares (trained
 * ones in the requested dtype, with gradients attached; the others in float64) and optional
 * per-sample {@code weights}.
 *
 * @param inputs all arrays, by input name
 * @param trained the trained arrays, whose gradients the command prints
 */
record LossInputs(Inputs inputs, Map<String, NDArray> trained) {

    /** Reads {@code json} (tests and small inputs); see {@link #read(Objective, Map, NDManager, DataType)}. */
    static LossInputs read(Objective objective, JsonObject json, NDManager m, DataType type) {
        return read(objective, JsonInput.read(new StringReader(json.toString())), m, type);
    }

    /** Builds the arrays from parsed input; a key that is not an input of the objective is an error. */
    static LossInputs read(Objective objective, Map<String, JsonInput.RawArray> raw, NDManager m, DataType type) {
        Set<String> declared = new HashSet<>();
        objective.inputs().forEach(s -> declared.add(s.name()));
        for (String key : raw.keySet()) {
            if (!declared.contains(key) && !key.equals(InputNames.WEIGHTS)) {
                throw new InvalidArgumentException(key, "not an input of " + objective.name() + " (expects " + declared + ")");
            }
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, NDArray> trained = new LinkedHashMap<>();
        for (InputSpec spec : objective.inputs()) {
            if (!raw.containsKey(spec.name())) {
                if (spec.optional()) {
                    continue;
                }
                throw new InvalidArgumentException(spec.name(), "missing input " + spec.shape());
            }
            NDArray a = toNDArray(m, raw.get(spec.name()), spec.trained() ? type : DataType.FLOAT64);
            if (spec.trained()) {
                a.setRequiresGradient(true);
                trained.put(spec.name(), a);
            }
            arrays.put(spec.name(), a);
        }
        if (raw.containsKey(InputNames.WEIGHTS)) {
            arrays.put(InputNames.WEIGHTS, toNDArray(m, raw.get(InputNames.WEIGHTS), type));
        }
        return new LossInputs(Inputs.of(arrays), trained);
    }

    private static NDArray toNDArray(NDManager m, JsonInput.RawArray raw, DataType type) {
        NDArray a = m.create(raw.values(), new Shape(raw.shape()));
        if (type == DataType.FLOAT64) {
            return a;
        }
        NDArray converted = a.toType(type, false);
        a.close();
        return converted;
    }
}
