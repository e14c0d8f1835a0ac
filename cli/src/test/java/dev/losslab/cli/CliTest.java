package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract: list, loss (golden values, exit codes) and train. */
class CliTest {
    private static final String EXAMPLE = "{\"logits\": [[2, -1, 0.5, 0, 1.5], [0.3, 0.2, -0.4, 1.1, -2], [-1, -0.5, 3, 0.25, 0.75]], \"labels\": [0, 3, 1]}";

    record Run(int code, String out, String err) {}

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = LossLab.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Path input(Path dir, String json) throws Exception {
        Path f = Files.createTempFile(dir, "in", ".json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void listJsonHasEveryFoundationLossWithParameters() {
        Run r = run("list", "--json");
        assertEquals(0, r.code());
        JsonArray arr = JsonParser.parseString(r.out()).getAsJsonArray();
        Set<String> names = new HashSet<>();
        for (JsonElement e : arr) {
            JsonObject o = e.getAsJsonObject();
            names.add(o.get("name").getAsString());
            assertTrue(o.has("kind") && o.has("family") && o.has("papers") && o.has("params"));
            if (o.get("name").getAsString().equals("comp-sum")) {
                JsonObject tau = o.getAsJsonArray("params").get(0).getAsJsonObject();
                assertEquals("tau", tau.get("name").getAsString());
                assertEquals(1.0, tau.get("default").getAsDouble());
                assertEquals("04", o.getAsJsonArray("papers").get(0).getAsString());
            }
        }
        assertTrue(names.containsAll(Set.of("cross-entropy", "label-smoothing", "focal", "comp-sum", "sum-exponential", "gce", "mae", "ldr-kl")));
    }

    @Test
    void lossReproducesTheSpecWorkedExamples(@TempDir Path dir) throws Exception {
        Path in = input(dir, EXAMPLE);
        JsonObject o = JsonParser.parseString(run("loss", "comp-sum", "--param", "tau=0", "--input", in.toString()).out()).getAsJsonObject();
        assertEquals(13.822728916781605, o.get("loss").getAsDouble(), 1e-6 * 13.8);
        JsonArray row2 = o.getAsJsonObject("grad").getAsJsonArray("logits").get(2).getAsJsonArray();
        assertEquals(-13.1097752, row2.get(1).getAsDouble(), 1e-6 * 13.1);
        assertEquals(3, o.getAsJsonArray("per_sample").size());
        assertEquals(0.0, o.getAsJsonObject("params").get("tau").getAsDouble());
        assertTrue(!o.getAsJsonObject("grad").has("labels"), "labels are not trained");
        JsonObject ldr = JsonParser.parseString(run("loss", "ldr-kl", "--param", "lambda=1", "--param", "normalize=none", "--input", in.toString()).out())
                .getAsJsonObject();
        assertEquals(0.1753438823930117, ldr.get("loss").getAsDouble(), 1e-7);
        JsonObject f32 = JsonParser.parseString(run("loss", "mae", "--dtype", "float32", "--input", in.toString()).out()).getAsJsonObject();
        assertEquals(0.6693601054624537, f32.get("loss").getAsDouble(), 1e-6);
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path in = input(dir, EXAMPLE);
        String[][] cases = {
            {"loss", "no-such-loss", "--input", in.toString()},
            {"loss", "focal", "--param", "alpha=1", "--input", in.toString()},
            {"loss", "gce", "--param", "q=5", "--input", in.toString()},
            {"loss", "focal", "--input", input(dir, "{\"logits\": [[1, 2]], \"labels\": [2]}").toString()},
            {"loss", "focal", "--input", input(dir, "{\"logits\": [[1, 2]], \"labels\": [0, 1]}").toString()},
            {"loss", "focal", "--input", input(dir, "{\"logits\": [[1, NaN]], \"labels\": [0]}").toString()},
            {"loss", "focal", "--input", input(dir, "{\"logits\": [[1, 2]]}").toString()},
            {"loss", "focal", "--input", input(dir, "{\"logits\": [[1, 2], [3]], \"labels\": [0, 1]}").toString()},
            {"loss", "focal", "--input", input(dir, "not json").toString()},
            {"loss", "focal", "--input", dir.resolve("absent.json").toString()},
            {"loss", "focal"},
        };
        for (String[] c : cases) {
            Run r = run(c);
            assertEquals(2, r.code(), String.join(" ", c) + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        assertTrue(run(cases[3]).err().contains("labels: label out of range"), run(cases[3]).err());
        assertTrue(run(cases[4]).err().contains("labels"), run(cases[4]).err());
        assertTrue(run(cases[5]).err().startsWith("losslab: logits: invalid JSON"), run(cases[5]).err()); // NaN is not a JSON number
        assertTrue(run(cases[2]).err().contains("q:"), run(cases[2]).err());
    }

    @Test
    void trainsOnACsvWithAHeader(@TempDir Path out) throws Exception {
        Path shared = sharedDatasets();
        Run r = run("train", "--data", shared.resolve("tabular/BankNote_Authentication.csv").toString(), "--label", "class",
                "--loss", "ldr-kl", "--epochs", "5", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String last = r.out().lines().filter(l -> l.startsWith("epoch")).reduce((a, b) -> b).orElseThrow();
        double test = Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1));
        assertTrue(test > 0.95, last);
        assertTrue(Files.exists(out.resolve("learning-curves.png")) && Files.exists(out.resolve("report.md")));
        try (var s = Files.list(out)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith(".params")), "model saved in DJL format");
        }
    }

    @Test
    void trainsOnMnistIdxWithLabelNoise(@TempDir Path out) throws Exception {
        Path shared = sharedDatasets();
        Run r = run("train", "--data", shared.resolve("mnist/t10k-images-idx3-ubyte.gz").toString(), "--format", "idx",
                "--loss", "cross-entropy", "--epochs", "1", "--batch", "64", "--label-noise", "symmetric:0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("10 classes"), r.out());
    }

    /** Two well-separated Gaussian classes in two features, 120 rows. */
    static Path toyCsv(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        java.util.Random r = new java.util.Random(0);
        for (int i = 0; i < 120; i++) {
            int y = i % 2;
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%d%n", r.nextGaussian() + 3 * y, r.nextGaussian() - 3 * y, y));
        }
        return Files.writeString(dir.resolve("toy.csv"), csv.toString());
    }

    /** Paper 31's GRU classifier from the command line, with the L2-SVM head; a malformed --model is refused. */
    @Test
    void trainsAGruWithAnSvmHead(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ok = run("train", "--data", data.toString(), "--model", "gru:8", "--loss", "l2-svm", "--optimizer", "adam", "--lr", "0.01",
                "--epochs", "10", "--out", dir.resolve("gru").toString());
        assertEquals(0, ok.code(), ok.err());
        String last = ok.out().lines().filter(l -> l.startsWith("epoch")).reduce((a, b) -> b).orElseThrow();
        assertTrue(Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1)) > 0.9, last);
        assertTrue(Files.exists(dir.resolve("gru/model-0000.params")));
    }

    /**
     * {@code --loss fused-linear-cross-entropy} trains the MLP as {@code --loss cross-entropy} does
     * (the output layer applied chunk by chunk inside the loss): the same losses and accuracies each
     * epoch, and a saved model that loads as the plain MLP (a distillation teacher); a GRU is refused.
     */
    @Test
    void fusedCrossEntropyTrainsAsTheMaterialisedOne(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run plain = run("train", "--data", data.toString(), "--model", "mlp:8", "--epochs", "6", "--seed", "3", "--out", dir.resolve("ce").toString());
        Run fused = run("train", "--data", data.toString(), "--model", "mlp:8", "--loss", "fused-linear-cross-entropy", "--param", "chunk=1",
                "--epochs", "6", "--seed", "3", "--out", dir.resolve("fused").toString());
        assertEquals(0, plain.code(), plain.err());
        assertEquals(0, fused.code(), fused.err());
        java.util.List<String> expected = plain.out().lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(6, expected.size(), plain.out());
        assertEquals(expected, fused.out().lines().filter(l -> l.startsWith("epoch")).toList());
        Run student = run("distill", "--data", data.toString(), "--teacher", dir.resolve("fused").toString(), "--loss", "dkd", "--epochs", "2",
                "--out", dir.resolve("student").toString());
        assertEquals(0, student.code(), student.err());
        Run gru = run("train", "--data", data.toString(), "--model", "gru:4", "--loss", "fused-linear-cross-entropy", "--out", dir.resolve("gru").toString());
        assertEquals(2, gru.code());
        assertTrue(gru.err().strip().lines().count() == 1 && gru.err().contains("model"), gru.err());
    }

    /** Each malformed train option: exit 2 and one line that names the option. */
    @Test
    void trainRejectsBadOptionsByName(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        String[][] cases = {{"--model", "gru:8,1", "model"}, {"--model", "cnn:3", "model"}, {"--format", "xyz", "format"},
            {"--epochs", "0", "epochs"}, {"--lr", "-1", "lr"}, {"--test-fraction", "1", "test-fraction"}, {"--optimizer", "ldr-kl", "optimizer"}};
        for (String[] c : cases) {
            Run bad = run("train", "--data", data.toString(), c[0], c[1], "--out", dir.resolve("bad").toString());
            assertEquals(2, bad.code(), String.join(" ", c) + ": " + bad.err());
            assertTrue(bad.err().strip().lines().count() == 1 && bad.err().contains(c[2]), String.join(" ", c) + ": " + bad.err());
        }
    }

    /** Adversarial comp-sum trains with its PGD settings from --param; an invalid one is refused (exit 2, one line). */
    @Test
    void adversarialTrainingTakesItsAttackFromTheLossParameters(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run refused = run("train", "--data", data.toString(), "--loss", "adv-comp-sum", "--param", "pgd_steps=0", "--epochs", "1",
                "--out", dir.resolve("a").toString());
        assertEquals(2, refused.code());
        assertTrue(refused.err().strip().lines().count() == 1 && refused.err().contains("pgd_steps"), refused.err());
        Run ok = run("train", "--data", data.toString(), "--loss", "adv-comp-sum", "--param", "gamma=0.3", "--param", "pgd_steps=2",
                "--epochs", "5", "--out", dir.resolve("b").toString());
        assertEquals(0, ok.code(), ok.err());
        String last = ok.out().lines().filter(l -> l.startsWith("epoch")).reduce((a, b) -> b).orElseThrow();
        assertTrue(Double.parseDouble(last.substring(last.lastIndexOf(' ') + 1)) > 0.9, last);
    }

    @Test
    void reproduceWritesReportsAndIndex(@TempDir Path out) throws Exception {
        Run r = run("reproduce", "64", "--quick", "--seeds", "1", "--out", out.toString());
        assertTrue(r.code() == 0 || r.code() == 3, r.err());
        Path dir = out.resolve("64-hl-gauss-regression");
        JsonObject result = JsonParser.parseString(Files.readString(dir.resolve("result.json"))).getAsJsonObject();
        assertEquals(r.code() == 0, result.get("holds").getAsBoolean());
        assertTrue(result.has("claim") && result.getAsJsonObject("values").size() == 6);
        assertTrue(Files.exists(dir.resolve("report.md")) && Files.exists(dir.resolve("rmse-by-head.png")));
        assertTrue(Files.readString(out.resolve("index.html")).contains("64-hl-gauss-regression/rmse-by-head.png"));
        assertEquals(2, run("reproduce", "99").code());
    }

    private static Path sharedDatasets() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/datasets"))) {
                return p.resolve("shared/datasets");
            }
        }
        assumeTrue(false, "skipped: ../shared/datasets not found beside the checkout");
        return null;
    }

    /** losslab train --loss tgce prunes as the reproductions do: its pruning epoch (20 of 20) makes no update. */
    @Test
    void truncatedGcePrunesFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run tgce = run("train", "--data", data.toString(), "--loss", "tgce", "--epochs", "20", "--out", dir.resolve("tgce").toString());
        assertEquals(0, tgce.code(), tgce.err());
        java.util.List<String> noUpdate = tgce.out().lines().filter(l -> l.contains("no parameter update")).toList();
        assertEquals(1, noUpdate.size(), tgce.out());
        assertTrue(noUpdate.get(0).startsWith("epoch  20"), noUpdate.get(0));
        Run ce = run("train", "--data", data.toString(), "--epochs", "20", "--out", dir.resolve("ce").toString());
        assertTrue(ce.out().lines().noneMatch(l -> l.contains("no parameter update")), ce.out());
    }

    /** losslab list filters by paper, kind and family; a bad kind is refused. */
    @Test
    void listFiltersByPaperKindAndFamily() {
        com.google.gson.JsonArray paper9 = com.google.gson.JsonParser.parseString(run("list", "--json", "--paper", "09").out()).getAsJsonArray();
        java.util.List<String> names9 = new java.util.ArrayList<>();
        paper9.forEach(e -> names9.add(e.getAsJsonObject().get("name").getAsString()));
        assertTrue(names9.containsAll(java.util.List.of("ldr-kl", "aldr-kl", "tgce", "nce-aul")) && !names9.contains("focal"), names9.toString());
        paper9.forEach(e -> assertTrue(e.getAsJsonObject().getAsJsonArray("papers").toString().contains("\"09\""), e.toString()));
        com.google.gson.JsonArray optimizers = com.google.gson.JsonParser.parseString(run("list", "--json", "--kind", "optimizer").out()).getAsJsonArray();
        assertTrue(optimizers.size() >= 4, optimizers.toString());
        optimizers.forEach(e -> assertEquals("optimizer", e.getAsJsonObject().get("kind").getAsString()));
        com.google.gson.JsonArray metric = com.google.gson.JsonParser.parseString(run("list", "--json", "--family", "metric", "--kind", "loss").out()).getAsJsonArray();
        assertEquals(4, metric.size(), metric.toString());
        Run bad = run("list", "--kind", "lossy");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("losslab: kind:"), bad.err());
    }

    /** Optimizer hyperparameters from the command line (--opt-param), checked like loss parameters. */
    @Test
    void optimizerParametersFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ok = run("train", "--data", data.toString(), "--optimizer", "adamw", "--lr", "0.01", "--opt-param", "weight_decay=0.05",
                "--opt-param", "beta2=0.99", "--epochs", "3", "--out", dir.resolve("ok").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(dir.resolve("ok/report.md")).contains("optimizer adamw [weight_decay=0.05, beta2=0.99]"));
        Run bad = run("train", "--data", data.toString(), "--optimizer", "adamw", "--opt-param", "weight_decay=-1", "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().startsWith("losslab: weight_decay:"), bad.err());
        Run unknown = run("train", "--data", data.toString(), "--optimizer", "sgd", "--opt-param", "beta1=0.9", "--out", dir.resolve("bad").toString());
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("beta1"), unknown.err());
    }

    /** A registered schedule and its parameters from the command line, checked like loss parameters. */
    @Test
    void scheduleFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ok = run("train", "--data", data.toString(), "--schedule", "step-decay", "--schedule-param", "milestones=1",
                "--schedule-param", "factor=0.5", "--epochs", "2", "--out", dir.resolve("ok").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(dir.resolve("ok/report.md")).contains("schedule step-decay [milestones=1, factor=0.5]"));
        Run notASchedule = run("train", "--data", data.toString(), "--schedule", "adamw", "--out", dir.resolve("bad").toString());
        assertEquals(2, notASchedule.code(), notASchedule.err());
        assertTrue(notASchedule.err().startsWith("losslab: schedule:"), notASchedule.err());
        Run badMilestone = run("train", "--data", data.toString(), "--schedule", "step-decay", "--schedule-param", "milestones=2,x",
                "--out", dir.resolve("bad").toString());
        assertEquals(2, badMilestone.code(), badMilestone.err());
        assertTrue(badMilestone.err().startsWith("losslab: milestones:"), badMilestone.err());
    }

    /** A reweighter, gradient-norm clipping and a run-length schedule from the command line; a non-reweighter is refused by option name. */
    @Test
    void reweightingClippingAndPlateauFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ok = run("train", "--data", data.toString(), "--reweight", "lin-upper", "--reweight-param", "r=0.5", "--clip-norm", "1", "--schedule", "linear-decay",
                "--schedule-param", "warmup_fraction=0.2", "--optimizer", "rmsprop", "--lr", "0.01", "--epochs", "2", "--grad-norms", "--out", dir.resolve("ok").toString());
        assertEquals(0, ok.code(), ok.err());
        String[] norms = Files.readString(dir.resolve("ok/grad-norms.txt")).trim().split(",");
        assertTrue(norms.length >= 2 && Double.parseDouble(norms[0]) > 0, "one gradient norm per update");
        Run refined = run("train", "--data", data.toString(), "--schedule", "refined", "--schedule-param", "norms=" + String.join(",", norms), "--epochs", "2",
                "--out", dir.resolve("refined").toString());
        assertEquals(0, refined.code(), refined.err());
        String report = Files.readString(dir.resolve("ok/report.md"));
        assertTrue(report.contains("reweighting lin-upper [r=0.5]") && report.contains("gradient norm clipped to 1.0"), report);
        Run plateau = run("train", "--data", data.toString(), "--schedule", "reduce-on-plateau", "--schedule-param", "patience=0", "--epochs", "3",
                "--out", dir.resolve("plateau").toString());
        assertEquals(0, plateau.code(), plateau.err());
        Run notAReweighter = run("train", "--data", data.toString(), "--reweight", "adam", "--out", dir.resolve("bad").toString());
        assertEquals(2, notAReweighter.code(), notAReweighter.err());
        assertTrue(notAReweighter.err().startsWith("losslab: reweighter:"), notAReweighter.err());
        Run badClip = run("train", "--data", data.toString(), "--clip-norm", "-1", "--out", dir.resolve("bad").toString());
        assertEquals(2, badClip.code(), badClip.err());
        assertTrue(badClip.err().startsWith("losslab: clip-norm:"), badClip.err());
    }

    /** --ema and --swa report the averaged weights' test accuracy; both at once, or a decay of 1, are refused by name. */
    @Test
    void weightAveragingFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ema = run("train", "--data", data.toString(), "--ema", "0.9", "--epochs", "2", "--out", dir.resolve("ema").toString());
        assertEquals(0, ema.code(), ema.err());
        assertTrue(ema.out().contains("EMA weights: test acc"), ema.out());
        assertTrue(Files.readString(dir.resolve("ema/report.md")).contains("Exponential moving average of the weights: test accuracy"));
        Run swa = run("train", "--data", data.toString(), "--swa", "0.5", "--epochs", "2", "--out", dir.resolve("swa").toString());
        assertEquals(0, swa.code(), swa.err());
        assertTrue(swa.out().contains("SWA weights: test acc"), swa.out());
        Run both = run("train", "--data", data.toString(), "--ema", "0.9", "--swa", "0.5", "--out", dir.resolve("bad").toString());
        assertEquals(2, both.code(), both.err());
        Run decay = run("train", "--data", data.toString(), "--ema", "1", "--out", dir.resolve("bad").toString());
        assertTrue(decay.err().startsWith("losslab: ema:"), decay.err());
    }

    /** --soup trains --soup-runs runs from one initialisation; the greedy soup scores at least the best run on the held-out rows; misuse is refused by name. */
    @Test
    void modelSoupsFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run greedy = run("train", "--data", data.toString(), "--soup", "greedy-soup", "--soup-runs", "3", "--epochs", "2", "--out", dir.resolve("greedy").toString());
        assertEquals(0, greedy.code(), greedy.err());
        java.util.regex.Matcher held = java.util.regex.Pattern.compile("held-out acc ([0-9.]+)").matcher(greedy.out());
        List<Double> scores = new java.util.ArrayList<>();
        while (held.find()) {
            scores.add(Double.parseDouble(held.group(1)));
        }
        assertEquals(4, scores.size(), greedy.out());
        assertTrue(scores.get(3) >= java.util.Collections.max(scores.subList(0, 3)), "greedy soup ≥ best run on held-out rows: " + scores);
        assertTrue(Files.readString(dir.resolve("greedy/report.md")).contains("| **greedy-soup** |"));
        Run learned = run("train", "--data", data.toString(), "--soup", "learned-soup", "--soup-param", "epochs=2", "--soup-runs", "2", "--epochs", "1",
                "--out", dir.resolve("learned").toString());
        assertEquals(0, learned.code(), learned.err());
        String[][] refused = {
            {"--soup", "ema"}, {"--soup-runs", "1", "--soup", "uniform-soup"}, {"--soup", "learned-soup", "--model", "gru:4"}, {"--soup", "uniform-soup", "--ema", "0.9"}};
        String[] option = {"soup", "soup-runs", "soup", "soup"};
        for (int i = 0; i < refused.length; i++) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--data", data.toString(), "--out", dir.resolve("bad").toString()));
            args.addAll(List.of(refused[i]));
            Run bad = run(args.toArray(String[]::new));
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().startsWith("losslab: " + option[i] + ":"), bad.err());
        }
    }

    /** --sso-steps trains by paper 08's surrogate and says so in the report; per-sample weights or η = 0 are refused by option name. */
    @Test
    void targetSpaceSurrogateFromTheCommandLine(@TempDir Path dir) throws Exception {
        Path data = toyCsv(dir);
        Run ok = run("train", "--data", data.toString(), "--sso-steps", "3", "--sso-eta", "2", "--epochs", "2", "--out", dir.resolve("sso").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.readString(dir.resolve("sso/report.md")).contains("SSO with 3 inner updates per batch, η 2.0"));
        Run weighted = run("train", "--data", data.toString(), "--sso-steps", "3", "--reweight", "lin-upper", "--out", dir.resolve("bad").toString());
        assertEquals(2, weighted.code(), weighted.err());
        assertTrue(weighted.err().startsWith("losslab: sso-steps:"), weighted.err());
        Run eta = run("train", "--data", data.toString(), "--sso-steps", "3", "--sso-eta", "0", "--out", dir.resolve("bad").toString());
        assertTrue(eta.err().startsWith("losslab: sso-eta:"), eta.err());
    }
}
