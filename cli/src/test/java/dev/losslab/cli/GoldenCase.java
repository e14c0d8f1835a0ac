package dev.losslab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** One golden example per registered loss name: a fresh objective and its input arrays. */
final class GoldenCase {
    private GoldenCase() {}

    /** The first golden example of every loss name. */
    static Stream<Arguments> perLoss() throws IOException {
        Set<String> seen = new TreeSet<>();
        List<Arguments> out = new ArrayList<>();
        for (JsonElement e : CliGoldenTest.file().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            if (seen.add(c.get("name").getAsString())) {
                out.add(Arguments.of(c.get("name").getAsString(), c));
            }
        }
        return out.stream();
    }

    /** A new objective (stateful ones start fresh) with the example's parameters. */
    static Objective objective(JsonObject c) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> p : c.getAsJsonObject("params").entrySet()) {
            params.put(p.getKey(), p.getValue().getAsString());
        }
        return Registry.defaults().objective(c.get("name").getAsString(), params);
    }

    /** The example's arrays on {@code m} (trained ones in float64 with gradients attached). */
    static LossInputs inputs(Objective objective, JsonObject c, NDManager m) {
        return LossInputs.read(objective, c.getAsJsonObject("input"), m, DataType.FLOAT64);
    }

    /** Every array of {@code inputs}, for closing. */
    static List<NDArray> arrays(LossInputs inputs) {
        return new ArrayList<>(inputs.inputs().asMap().values());
    }
}
