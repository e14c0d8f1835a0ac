package dev.losslab.spark;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.data.LabelNoise;
import dev.losslab.lab.model.FusedOutputLinear;
import dev.losslab.lab.model.ModelSpec;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.schedule.ScheduleFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's grid, read from a JSON file and checked before anything runs. Keys (lists take one or
 * more values; the grid is their product):
 * <pre>
 * data         [path | {"path": P, "label": COLUMN} | "synthetic:gaussian:N,D,C", ...]
 * losses       [{"name": L, "params": {p: [v, ...]}}, ...]
 * optimizers   [{"name": O, "params": {...}}, ...]     default [{"name": "sgd"}]
 * lr           [η, ...]                                 default [0.1]
 * schedules    [{"name": S, "params": {...}}, ...]     default [{"name": "constant"}]
 * noise        ["none" | "symmetric:R" | "pairflip:R", ...]   default ["none"]
 * model        ["mlp:W1,...", ...]                      default ["mlp:64"]
 * epochs, batch                                         default 10, 64
 * seeds        [s, ...]                                 default [0]
 * folds        k of k-fold cross-validation (1: none)   default 1
 * test_fraction                                          default 0.2
 * </pre>
 * A relative data path is resolved against the grid file's folder. An unknown key, loss, parameter
 * or optimizer, a bad value, an unreadable data file or an empty grid is refused with an
 * {@link InvalidArgumentException} naming the grid file's line.
 */
public final class GridFile {
    private static final Set<String> KEYS = Set.of("data", "losses", "optimizers", "lr", "schedules", "noise", "model", "epochs", "batch", "seeds", "folds",
            "test_fraction");

    private final String text;
    private final Path folder;

    private GridFile(String text, Path folder) {
        this.text = text;
        this.folder = folder;
    }

    /** The grid's points, in a fixed order (data, loss, its parameters, optimizer, lr, schedule, noise, model, seed, fold). */
    public static List<GridPoint> read(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new InvalidArgumentException("grid", file + " cannot be read");
        }
        Path folder = file.toAbsolutePath().getParent();
        return new GridFile(Files.readString(file, StandardCharsets.UTF_8), folder).points();
    }

    /** As {@link #read} from the grid's text; relative paths resolve against {@code folder}. */
    public static List<GridPoint> parse(String text, Path folder) {
        return new GridFile(text, folder).points();
    }

    private List<GridPoint> points() {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw bad(1, "the grid must be a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new InvalidArgumentException("grid", "not valid JSON: " + e.getMessage());
        }
        for (String key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw bad(lineOf("\"" + key + "\"", 0), "unknown key '" + key + "' (expected one of " + new java.util.TreeSet<>(KEYS) + ")");
            }
        }
        List<String[]> data = data(root);
        List<NamedConfig> losses = configs(root, "losses", null);
        List<NamedConfig> optimizers = configs(root, "optimizers", "sgd");
        List<Double> rates = numbers(root, "lr", 0.1);
        List<NamedConfig> schedules = configs(root, "schedules", "constant");
        List<String> noises = strings(root, "noise", "none");
        List<String> models = strings(root, "model", "mlp:64");
        int epochs = integer(root, "epochs", 10, 1);
        int batch = integer(root, "batch", 64, 1);
        int folds = integer(root, "folds", 1, 1);
        double testFraction = numbers(root, "test_fraction", 0.2).get(0);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw bad(lineOf("\"test_fraction\"", 0), "test_fraction must be in (0, 1), got " + testFraction);
        }
        List<Long> seeds = new ArrayList<>();
        for (double s : numbers(root, "seeds", 0)) {
            if (s != Math.rint(s)) {
                throw bad(lineOf("\"seeds\"", 0), "seeds must be integers, got " + s);
            }
            seeds.add((long) s);
        }
        for (double lr : rates) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw bad(lineOf("\"lr\"", 0), "learning rates must be finite and > 0, got " + lr);
            }
        }
        for (String noise : noises) {
            if (!"none".equals(noise)) {
                try {
                    LabelNoise.parse(noise);
                } catch (IllegalArgumentException e) {
                    throw bad(lineOf("\"" + noise + "\"", 0), "noise: " + e.getMessage());
                }
            }
        }
        for (String model : models) {
            try {
                ModelSpec.parse(model);
            } catch (IllegalArgumentException e) {
                throw bad(lineOf("\"" + model + "\"", 0), e.getMessage());
            }
        }
        List<GridPoint> points = new ArrayList<>();
        for (String[] d : data) {
            for (NamedConfig loss : losses) {
                for (Map<String, String> lossParams : loss.combinations()) {
                    checkLoss(loss, lossParams);
                    for (NamedConfig opt : optimizers) {
                        for (Map<String, String> optParams : opt.combinations()) {
                            checkOptimizer(opt, optParams);
                            for (double lr : rates) {
                                for (NamedConfig schedule : schedules) {
                                    for (Map<String, String> scheduleParams : schedule.combinations()) {
                                        checkSchedule(schedule, scheduleParams);
                                        for (String noise : noises) {
                                            for (String model : models) {
                                                for (long seed : seeds) {
                                                    for (int fold = 0; fold < folds; fold++) {
                                                        points.add(new GridPoint(d[0], d[1], loss.name(), lossParams, opt.name(), optParams, lr, schedule.name(),
                                                                scheduleParams, noise, model, epochs, batch, seed, folds, fold, testFraction));
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (points.isEmpty()) {
            throw bad(1, "the grid has 0 points (an empty list?)");
        }
        return points;
    }

    /** A registered component and its parameter lists, as written in the grid. */
    private record NamedConfig(String name, Map<String, List<String>> params, int line) {
        /** Every combination of one value per parameter, in the grid's order. */
        List<Map<String, String>> combinations() {
            List<Map<String, String>> out = new ArrayList<>();
            out.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<String>> p : params.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : out) {
                    for (String value : p.getValue()) {
                        Map<String, String> m = new LinkedHashMap<>(partial);
                        m.put(p.getKey(), value);
                        next.add(m);
                    }
                }
                out = next;
            }
            return out;
        }
    }

    private void checkLoss(NamedConfig loss, Map<String, String> params) {
        Objective objective;
        try {
            objective = Registry.defaults().objective(loss.name(), params);
        } catch (IllegalArgumentException e) {
            throw bad(loss.line(), "loss '" + loss.name() + "': " + e.getMessage());
        }
        if (!(objective instanceof ClassificationObjective) && !FusedOutputLinear.appliesTo(objective)) {
            throw bad(loss.line(), "loss '" + loss.name() + "' is not a multi-class classification loss on logits and labels");
        }
    }

    private void checkOptimizer(NamedConfig opt, Map<String, String> params) {
        try {
            OptimizerFactory.of(opt.name(), params);
        } catch (IllegalArgumentException e) {
            throw bad(opt.line(), "optimizer '" + opt.name() + "': " + e.getMessage());
        }
    }

    private void checkSchedule(NamedConfig schedule, Map<String, String> params) {
        try {
            ScheduleFactory.of(schedule.name(), params);
        } catch (IllegalArgumentException e) {
            throw bad(schedule.line(), "schedule '" + schedule.name() + "': " + e.getMessage());
        }
    }

    private List<String[]> data(JsonObject root) {
        if (!root.has("data")) {
            throw bad(1, "'data' is required: a list of data files or synthetic:gaussian:N,D,C");
        }
        List<String[]> out = new ArrayList<>();
        for (JsonElement e : list(root, "data")) {
            String path;
            String label = null;
            if (e.isJsonObject() && e.getAsJsonObject().has("path")) {
                path = e.getAsJsonObject().get("path").getAsString();
                label = e.getAsJsonObject().has("label") ? e.getAsJsonObject().get("label").getAsString() : null;
            } else if (e.isJsonPrimitive()) {
                path = e.getAsString();
            } else {
                throw bad(lineOf("\"data\"", 0), "each data entry is a path, {\"path\": …, \"label\": …} or synthetic:gaussian:N,D,C");
            }
            int line = lineOf("\"" + path + "\"", 0);
            String resolved = path;
            if (!path.startsWith("synthetic:")) {
                Path p = folder.resolve(path).normalize();
                if (!Files.isReadable(p)) {
                    throw bad(line, "data file " + p + " cannot be read");
                }
                resolved = p.toString();
            }
            try {
                GridRun.load(resolved, label); // checked here; each executor reads it again
            } catch (IOException | RuntimeException ex) {
                throw bad(line, "data '" + path + "': " + ex.getMessage());
            }
            out.add(new String[] {resolved, label});
        }
        return out;
    }

    private List<NamedConfig> configs(JsonObject root, String key, String fallback) {
        List<NamedConfig> out = new ArrayList<>();
        if (!root.has(key)) {
            if (fallback == null) {
                throw bad(1, "'" + key + "' is required");
            }
            out.add(new NamedConfig(fallback, Map.of(), 1));
            return out;
        }
        for (JsonElement e : list(root, key)) {
            if (!e.isJsonObject() || !e.getAsJsonObject().has("name")) {
                throw bad(lineOf("\"" + key + "\"", 0), "each entry of '" + key + "' is {\"name\": …, \"params\": {…}}");
            }
            JsonObject o = e.getAsJsonObject();
            String name = o.get("name").getAsString();
            int line = lineOf("\"" + name + "\"", text.indexOf("\"" + key + "\""));
            Map<String, List<String>> params = new LinkedHashMap<>();
            if (o.has("params")) {
                for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                    List<String> values = new ArrayList<>();
                    JsonArray arr = p.getValue().isJsonArray() ? p.getValue().getAsJsonArray() : single(p.getValue());
                    arr.forEach(v -> values.add(v.getAsString()));
                    if (values.isEmpty()) {
                        throw bad(line, "parameter '" + p.getKey() + "' of '" + name + "' has no values");
                    }
                    params.put(p.getKey(), values);
                }
            }
            out.add(new NamedConfig(name, params, line));
        }
        return out;
    }

    private static JsonArray single(JsonElement e) {
        JsonArray a = new JsonArray();
        a.add(e);
        return a;
    }

    private JsonArray list(JsonObject root, String key) {
        JsonElement e = root.get(key);
        JsonArray a = e.isJsonArray() ? e.getAsJsonArray() : single(e);
        if (a.isEmpty()) {
            throw bad(lineOf("\"" + key + "\"", 0), "'" + key + "' is empty: the grid would have 0 points");
        }
        return a;
    }

    private List<Double> numbers(JsonObject root, String key, double fallback) {
        if (!root.has(key)) {
            return List.of(fallback);
        }
        List<Double> out = new ArrayList<>();
        for (JsonElement e : list(root, key)) {
            try {
                out.add(e.getAsDouble());
            } catch (RuntimeException ex) {
                throw bad(lineOf("\"" + key + "\"", 0), "'" + key + "' takes numbers, got " + e);
            }
        }
        return out;
    }

    private List<String> strings(JsonObject root, String key, String fallback) {
        if (!root.has(key)) {
            return List.of(fallback);
        }
        List<String> out = new ArrayList<>();
        list(root, key).forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private int integer(JsonObject root, String key, int fallback, int min) {
        if (!root.has(key)) {
            return fallback;
        }
        double v = numbers(root, key, fallback).get(0);
        if (v != Math.rint(v) || v < min) {
            throw bad(lineOf("\"" + key + "\"", 0), "'" + key + "' must be an integer ≥ " + min + ", got " + v);
        }
        return (int) v;
    }

    /** The 1-based line of the first {@code token} at or after {@code from} (1 when absent). */
    private int lineOf(String token, int from) {
        int at = text.indexOf(token, Math.max(0, from));
        if (at < 0) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }

    private static InvalidArgumentException bad(int line, String problem) {
        return new InvalidArgumentException("grid", "line " + line + ": " + problem);
    }
}
