package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every spec worked example in {@code golden/NAME.json} (one file per loss), evaluated through {@code losslab loss}
 * exactly as a user would (JSON in, JSON out, float64): the loss, the per-sample values and the
 * gradient rows the spec gives. Every registered loss must have a case or a stated reason.
 */
class CliGoldenTest {
    private static final double DEFAULT_TOL = 1e-8;

    @TempDir
    static Path dir;

    /**
     * All golden files merged: {@code cases} (every file's cases) and {@code skipped} (loss name →
     * reason). Each file is named after its loss and holds only that loss's cases.
     */
    static JsonObject file() throws IOException {
        JsonArray cases = new JsonArray();
        JsonObject skipped = new JsonObject();
        Path folder;
        try {
            folder = Path.of(CliGoldenTest.class.getResource("/golden").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replaceFirst("\\.json$", "");
                JsonObject o;
                try (InputStream in = Files.newInputStream(f)) {
                    o = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
                }
                if (o.has("skipped")) {
                    skipped.add(name, o.get("skipped"));
                }
                if (o.has("cases")) {
                    for (JsonElement c : o.getAsJsonArray("cases")) {
                        if (!c.getAsJsonObject().get("name").getAsString().equals(name)) {
                            throw new IllegalStateException(f + " holds a case of " + c.getAsJsonObject().get("name"));
                        }
                        cases.add(c);
                    }
                }
            }
        }
        JsonObject all = new JsonObject();
        all.add("cases", cases);
        all.add("skipped", skipped);
        return all;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> all = new ArrayList<>();
        for (JsonElement e : file().getAsJsonArray("cases")) {
            JsonObject c = e.getAsJsonObject();
            all.add(Arguments.of(c.get("name").getAsString() + " " + c.getAsJsonObject("params"), c));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lossCommandMatchesTheSpec(String label, JsonObject c) throws Exception {
        String name = c.get("name").getAsString();
        double tol = c.has("tol") ? c.get("tol").getAsDouble() : DEFAULT_TOL;
        Path input = Files.writeString(Files.createTempFile(dir, name, ".json"), c.getAsJsonObject("input").toString());
        List<String> args = new ArrayList<>(List.of("loss", name, "--input", input.toString()));
        for (Map.Entry<String, JsonElement> p : c.getAsJsonObject("params").entrySet()) {
            args.add("--param");
            args.add(p.getKey() + "=" + p.getValue().getAsString());
        }
        CliTest.Run run = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        JsonObject out = JsonParser.parseString(run.out()).getAsJsonObject();
        String what = name + " (" + c.get("spec").getAsString() + ")";
        close(c.get("loss").getAsDouble(), out.get("loss").getAsDouble(), tol, what + " loss");
        if (c.has("per_sample")) {
            closeAll(c.getAsJsonArray("per_sample"), out.getAsJsonArray("per_sample"), tol, what + " per_sample");
        }
        if (c.has("grad")) {
            for (Map.Entry<String, JsonElement> g : c.getAsJsonObject("grad").entrySet()) {
                JsonArray actual = out.getAsJsonObject("grad").getAsJsonArray(g.getKey());
                if (g.getValue().isJsonArray()) {
                    closeAll(g.getValue().getAsJsonArray(), actual, tol, what + " grad " + g.getKey());
                } else {
                    for (Map.Entry<String, JsonElement> row : g.getValue().getAsJsonObject().entrySet()) {
                        closeAll(row.getValue().getAsJsonArray(), actual.get(Integer.parseInt(row.getKey())).getAsJsonArray(), tol,
                                what + " grad " + g.getKey() + "[" + row.getKey() + "]");
                    }
                }
            }
        }
    }

    @Test
    void everyRegisteredLossHasAWorkedExample() throws IOException {
        JsonObject f = file();
        Set<String> covered = new HashSet<>(f.getAsJsonObject("skipped").keySet());
        f.getAsJsonArray("cases").forEach(c -> covered.add(c.getAsJsonObject().get("name").getAsString()));
        for (Component<?> c : Registry.defaults().all()) {
            if (c.kind() == Kind.LOSS) {
                assertTrue(covered.contains(c.name()), c.name() + " has no golden/" + c.name() + ".json");
            }
        }
    }

    private static void closeAll(JsonArray expected, JsonArray actual, double tol, String what) {
        assertEquals(expected.size(), actual.size(), what + " length");
        for (int i = 0; i < expected.size(); i++) {
            close(expected.get(i).getAsDouble(), actual.get(i).getAsDouble(), tol, what + "[" + i + "]");
        }
    }

    private static void close(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.max(1, Math.abs(expected)), what);
    }
}
