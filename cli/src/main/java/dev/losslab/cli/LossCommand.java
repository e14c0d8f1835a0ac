package dev.losslab.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.google.gson.Gson;
import com.google.gson.stream.JsonWriter;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Reduction;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Params;
import dev.losslab.core.registry.Registry;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code losslab loss NAME [--param k=v]... --input FILE|-}: evaluates a loss on a JSON object of
 * named arrays and prints {@code {"name", "params", "loss", "per_sample", "grad"}}, where
 * {@code loss} is the (weighted) mean and {@code grad} the gradient of it w.r.t. each trained input.
 */
@Command(name = "loss", mixinStandardHelpOptions = true, description = "Evaluate a loss, its per-sample values and gradients on JSON input.")
final class LossCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "registered loss name (see `losslab list`)")
    String name;

    @Option(names = {"-p", "--param"}, description = "hyperparameter k=v (repeatable)")
    List<String> paramArgs = new ArrayList<>();

    @Option(names = "--input", required = true, description = "JSON file of named arrays, or - for stdin")
    String input;

    @Option(names = "--dtype", defaultValue = "float64", description = "float64 (default) or float32")
    String dtype;

    @Override
    public Integer call() throws IOException {
        DataType type = switch (dtype) {
            case "float64" -> DataType.FLOAT64;
            case "float32" -> DataType.FLOAT32;
            default -> throw new InvalidArgumentException("dtype", "expected float64 or float32, got '" + dtype + "'");
        };
        Map<String, String> params = ParamArgs.parse(paramArgs, "--param");
        Registry registry = Registry.defaults();
        Component<?> component = registry.get(name);
        Objective objective = registry.objective(name, params);
        Params resolved = Params.of(component.params(), params);
        Map<String, JsonInput.RawArray> json = readInput();
        try (NDManager m = NDManager.newBaseManager()) {
            LossInputs read = LossInputs.read(objective, json, m, type);
            Inputs in = read.inputs();
            JsonArrays loss;
            JsonArrays perSample;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = objective.perSample(in);
                NDArray mean = Reduction.MEAN.apply(per, in.has(InputNames.WEIGHTS) ? in.get(InputNames.WEIGHTS) : null);
                gc.backward(mean);
                loss = JsonArrays.of("loss", mean);
                perSample = JsonArrays.of("per_sample", per);
            }
            Map<String, JsonArrays> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : read.trained().entrySet()) {
                grads.put(e.getKey(), JsonArrays.of("grad." + e.getKey(), e.getValue().getGradient()));
            }
            print(resolved, loss, perSample, grads);
        }
        return 0;
    }

    /** Streams the result object to stdout (every value was checked before the first byte). */
    private void print(Params resolved, JsonArrays loss, JsonArrays perSample, Map<String, JsonArrays> grads) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        JsonWriter w = new JsonWriter(out);
        w.beginObject().name("name").value(name);
        w.name("params");
        new Gson().toJson(new Gson().toJsonTree(resolved.asMap()), w);
        w.name("loss");
        loss.write(w);
        w.name("per_sample");
        perSample.write(w);
        w.name("grad").beginObject();
        for (Map.Entry<String, JsonArrays> g : grads.entrySet()) {
            w.name(g.getKey());
            g.getValue().write(w);
        }
        w.endObject().endObject();
        w.flush();
        out.write(System.lineSeparator());
        out.flush();
    }

    /** The input's arrays, read as a stream; a file too large for the heap is bad input, not a crash. */
    private Map<String, JsonInput.RawArray> readInput() throws IOException {
        if (input.equals("-")) {
            return parse(new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()), -1);
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            throw new InvalidArgumentException("--input", input + " is a directory, not a JSON file");
        }
        if (!Files.exists(path)) {
            throw new InvalidArgumentException("--input", "no such file " + input);
        }
        if (!Files.isReadable(path)) {
            throw new InvalidArgumentException("--input", "cannot read " + input + " (permission denied)");
        }
        return parse(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8.newDecoder()), Files.size(path));
    }

    private static Map<String, JsonInput.RawArray> parse(Reader reader, long bytes) throws IOException {
        try (Reader r = new BufferedReader(reader, 1 << 16)) {
            return JsonInput.read(r);
        } catch (OutOfMemoryError e) {
            throw new InvalidArgumentException("--input", "input too large for the heap (" + (bytes < 0 ? "standard input" : (bytes >> 20) + " MB")
                    + "; max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, raise it with JAVA_OPTS=-Xmx...)");
        }
    }
}
