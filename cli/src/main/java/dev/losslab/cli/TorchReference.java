package dev.losslab.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.losslab.core.InputNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch-eager side of {@code losslab bench}: runs {@code torch_losses.py} (shipped in the
 * jar) with a Python that imports torch ({@code LOSSLAB_PYTHON}, else {@code python3} on the
 * PATH, else {@code /usr/bin/python3}, Debian's {@code python3-torch}), with OpenMP's and
 * OpenBLAS's threads set to the engine's. Debian's torch 1.13 calls the system BLAS, the reference
 * (netlib) one unless {@code libopenblas0-pthread} is installed: 26× slower matrix products.
 */
final class TorchReference {
    /**
     * The timings, keyed by "loss N C", the torch version, and the BLAS library the Python process
     * mapped (null when torch carries its own, as pip's wheels do).
     */
    record Timings(String version, Map<String, Double> ms, Double stepMs, String blas) {
        Double get(String loss, int n, int c) {
            return ms.get(loss + " " + n + " " + c);
        }

        /** Each timing the smaller of this run's and {@code other}'s. */
        Timings fastest(Timings other) {
            Map<String, Double> best = new HashMap<>(ms);
            other.ms.forEach((k, v) -> best.merge(k, v, Math::min));
            Double step = stepMs == null ? other.stepMs : other.stepMs == null ? stepMs : Double.valueOf(Math.min(stepMs, other.stepMs));
            return new Timings(version, best, step, blas);
        }
    }

    private TorchReference() {}

    /** A Python that imports torch, or null. */
    static String findPython(String preferred) {
        List<String> candidates = new ArrayList<>();
        if (preferred != null) {
            candidates.add(preferred);
        }
        String env = System.getenv("LOSSLAB_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not this one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * Runs the script for {@code losses} at {@code sizes} ({n, c, repeats} each) with {@code threads}
     * threads, and the MLP training step {@code step} = {d, hidden, classes, batch, repeats} (null:
     * none); each timing is the smallest of {@code rounds} medians.
     */
    static Timings run(String python, List<String> losses, List<int[]> sizes, int[] step, int threads, int rounds) throws IOException, InterruptedException {
        Map<String, Object> args = new HashMap<>(Map.of("threads", threads, "sizes", sizes, "losses", losses, "rounds", rounds));
        if (step != null) {
            args.put("step", step);
        }
        JsonObject o = runScript(python, args, threads);
        Map<String, Double> ms = new HashMap<>();
        JsonArray results = o.getAsJsonArray("results");
        for (JsonElement e : results) {
            JsonObject r = e.getAsJsonObject();
            ms.put(r.get("loss").getAsString() + " " + r.get("n").getAsInt() + " " + r.get("c").getAsInt(), r.get("ms").getAsDouble());
        }
        JsonElement stepMs = o.get("step_ms");
        JsonElement blas = o.get("blas");
        return new Timings(o.get("torch").getAsString(), ms, stepMs == null || stepMs.isJsonNull() ? null : stepMs.getAsDouble(),
                blas == null || blas.isJsonNull() ? null : blas.getAsString());
    }

    /** One loss's float64 batch mean and gradient as the script's PyTorch formula computes them. */
    record Reference(double value, double[][] grad) {}

    /** Each of {@code losses} evaluated by the script's PyTorch formula in float64 at the given batch. */
    static Map<String, Reference> check(String python, List<String> losses, double[][] logits, int[] labels) throws IOException, InterruptedException {
        JsonObject o = runScript(python, Map.of("threads", 1, "losses", losses, "check", Map.of(InputNames.LOGITS, logits, InputNames.LABELS, labels)), 1);
        Map<String, Reference> out = new HashMap<>();
        Gson gson = new Gson();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("check").entrySet()) {
            JsonObject r = e.getValue().getAsJsonObject();
            out.put(e.getKey(), new Reference(r.get("value").getAsDouble(), gson.fromJson(r.get("grad"), double[][].class)));
        }
        return out;
    }

    private static JsonObject runScript(String python, Map<String, Object> args, int threads) throws IOException, InterruptedException {
        Path script = Files.createTempFile("losslab-torch-losses", ".py");
        try {
            try (InputStream in = TorchReference.class.getResourceAsStream("torch_losses.py")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder pb = new ProcessBuilder(python, script.toString(), new Gson().toJson(args)).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("the PyTorch script (" + python + ") failed with exit code " + p.exitValue());
            }
            return JsonParser.parseString(out.strip()).getAsJsonObject();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
