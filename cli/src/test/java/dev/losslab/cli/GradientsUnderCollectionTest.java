package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Reduction;
import dev.losslab.core.registry.Registry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss of the golden examples gives bit-identical gradients when the JVM collects garbage
 * between the forward and the backward pass. Guards against the DJL defect that {@code Scalars}
 * works around: a constant whose Java buffer is freed while autograd still holds it.
 */
class GradientsUnderCollectionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.losslab.cli.CliGoldenTest#cases")
    void gradientIsUnchangedByACollectionBeforeBackward(String label, JsonObject c) throws InterruptedException {
        double[] plain = gradients(c, false);
        for (int round = 0; round < 3; round++) {
            assertArrayEquals(plain, gradients(c, true), 0, label);
        }
    }

    /** Loss followed by the flattened gradients of every trained input. */
    private static double[] gradients(JsonObject c, boolean collect) throws InterruptedException {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> p : c.getAsJsonObject("params").entrySet()) {
            params.put(p.getKey(), p.getValue().getAsString());
        }
        Objective objective = Registry.defaults().objective(c.get("name").getAsString(), params);
        try (NDManager m = NDManager.newBaseManager()) {
            LossInputs read = LossInputs.read(objective, c.getAsJsonObject("input"), m, DataType.FLOAT64);
            Inputs in = read.inputs();
            double loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = Reduction.MEAN.apply(objective.perSample(in), in.has(InputNames.WEIGHTS) ? in.get(InputNames.WEIGHTS) : null);
                if (collect) {
                    System.gc();
                    Thread.sleep(10);
                    for (int i = 0; i < 200; i++) {
                        m.create(0.0).close();
                    }
                }
                gc.backward(mean);
                loss = mean.getDouble();
            }
            java.util.List<Double> out = new java.util.ArrayList<>(java.util.List.of(loss));
            for (NDArray a : read.trained().values()) {
                // an input the loss does not read (sft's rejected log-probs) keeps DJL's float32 zero gradient
                for (double g : a.getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                    out.add(g);
                }
            }
            return out.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
