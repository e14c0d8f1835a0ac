package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
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

    /** Reads {@code json}; a key that is not an input of the objective is an error. */
    static LossInputs read(Objective objective, JsonObject json, NDManager m, DataType type) {
        Set<String> declared = new HashSet<>();
        objective.inputs().forEach(s -> declared.add(s.name()));
        for (String key : json.keySet()) {
            if (!declared.contains(key) && !key.equals(Inputs.WEIGHTS)) {
                throw new InvalidArgumentException(key, "not an input of " + objective.name() + " (expects " + declared + ")");
            }
        }
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, NDArray> trained = new LinkedHashMap<>();
        for (InputSpec spec : objective.inputs()) {
            if (!json.has(spec.name())) {
                if (spec.optional()) {
                    continue;
                }
                throw new InvalidArgumentException(spec.name(), "missing input " + spec.shape());
            }
            NDArray a = JsonArrays.toNDArray(m, spec.name(), json.get(spec.name()), spec.trained() ? type : DataType.FLOAT64);
            if (spec.trained()) {
                a.setRequiresGradient(true);
                trained.put(spec.name(), a);
            }
            arrays.put(spec.name(), a);
        }
        if (json.has(Inputs.WEIGHTS)) {
            arrays.put(Inputs.WEIGHTS, JsonArrays.toNDArray(m, Inputs.WEIGHTS, json.get(Inputs.WEIGHTS), type));
        }
        return new LossInputs(Inputs.of(arrays), trained);
    }
}
