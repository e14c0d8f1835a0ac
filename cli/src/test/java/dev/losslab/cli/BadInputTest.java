package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of the reliability issue, each refused with exit 2 and one line that names the
 * argument, with no Java class names in it and nothing left half-written.
 */
class BadInputTest {

    private static void refused(CliTest.Run r, String names, String what) {
        assertEquals(2, r.code(), what + ": " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), what + ": one line: " + err);
        assertTrue(err.contains(names), what + ": names '" + names + "': " + err);
        assertFalse(err.matches(".*(Exception|setStrictness|expected a int).*"), what + ": leaks internals: " + err);
    }

    private static CliTest.Run loss(Path dir, String json, String... extra) throws Exception {
        Path in = CliTest.input(dir, json);
        String[] args = new String[extra.length + 4];
        args[0] = "loss";
        args[1] = "cross-entropy";
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[extra.length + 2] = "--input";
        args[extra.length + 3] = in.toString();
        return CliTest.run(args);
    }

    @Test
    void lossInputs(@TempDir Path dir) throws Exception {
        refused(loss(dir, "{\"logits\": [[1, 0]], \"labels\": [1e20]}"), "labels", "label of 1e20");
        refused(loss(dir, "{\"logits\": [[1, 0]], \"labels\": [\"0\"]}"), "labels", "labels as strings");
        refused(loss(dir, "{\"logits\": [[1, 0]], \"labels\": [0], \"labels\": [1]}"), "labels", "duplicate key");
        refused(loss(dir, "{\"logits\": [[1, 0]], \"labels\": [0]}", "--param", "precision=input", "--param", "precision=float32"), "--param", "duplicate --param");
        refused(loss(dir, "{\"logits\": [[1e400, 0]], \"labels\": [0]}"), "logits", "number beyond float64");
        refused(loss(dir, "{\"logits\": [[1, 0]"), "input", "truncated JSON");
        refused(loss(dir, "{logits: [[1, 0]]}"), "input", "malformed JSON");
        refused(CliTest.run("loss", "cross-entropy", "--input", dir.toString()), "--input", "directory as input");
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, "{\"logits\": [[1, 0]], \"labels\": [0], \"x\u00e9\": [1]}".getBytes(StandardCharsets.ISO_8859_1));
        refused(CliTest.run("loss", "cross-entropy", "--input", latin1.toString()), "input", "not UTF-8");
        refused(CliTest.run("loss", "focal", "--param", "gamma=abc", "--input", CliTest.input(dir, "{}").toString()), "gamma", "bad parameter");
    }

    /** Logits of 1e308 are finite input: the output is valid JSON (no bare Infinity). */
    @Test
    void hugeLogitsGiveValidJson(@TempDir Path dir) throws Exception {
        CliTest.Run r = loss(dir, "{\"logits\": [[1e308, 0], [0, 1e308]], \"labels\": [0, 0]}");
        if (r.code() == 0) {
            com.google.gson.JsonObject out = com.google.gson.JsonParser.parseString(r.out().strip()).getAsJsonObject();
            assertTrue(Double.isFinite(out.get("loss").getAsDouble()), r.out());
            assertFalse(r.out().contains("Infinity") || r.out().contains("NaN"), r.out());
        } else {
            refused(r, "loss", "overflowing loss");
        }
    }

    @Test
    void trainInputs(@TempDir Path dir) throws Exception {
        Path toy = CliTest.toyCsv(dir);
        String[][] cases = {
            {"--lr", "Infinity", "lr"}, {"--loss", "mse", "loss"}, {"--loss", "weighted-bce", "loss"}, {"--loss", "proto-ce", "loss"},
            {"--loss", "logistic", "loss"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("out-" + c[1]);
            refused(CliTest.run("train", "--data", toy.toString(), c[0], c[1], "--out", out.toString()), c[2], String.join(" ", c));
            assertFalse(Files.exists(out), "no folder left by a refused run: " + out);
        }
        String[][] files = {
            {"a,b,y\n1,NaN,0\n3,4,1\n5,6,0\n7,8,1\n", "'b'", "NaN cell"},
            {"a,b,y\n1,Infinity,0\n3,4,1\n5,6,0\n7,8,1\n", "'b'", "Infinity cell"},
            {"a,b,y\n1,2,0\nx,4,1\n5,6,0\n7,8,1\n", "'a'", "text in a numeric column"},
            {"a,b,y\n1,2,0\n3,4,0\n5,6,0\n", "label", "one class"},
            {"a,b,y\n1,2,0\n3,4,1\n", "data", "two rows"},
        };
        for (String[] f : files) {
            Path csv = Files.writeString(dir.resolve("f.csv"), f[0]);
            Path out = dir.resolve("out-file");
            refused(CliTest.run("train", "--data", csv.toString(), "--out", out.toString()), f[1], f[2]);
            assertFalse(Files.exists(out), "no folder left by a refused run: " + f[2]);
        }
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        refused(CliTest.run("train", "--data", toy.toString(), "--out", file.toString()), "out", "--out is a file");
        refused(CliTest.run("train", "--data", toy.toString(), "--out", "/proc/losslab-x"), "out", "--out cannot be created");
    }

    @Test
    void reproduceChecksOptionsFirst(@TempDir Path dir) throws Exception {
        refused(CliTest.run("reproduce", "35", "--seeds", "0"), "seeds", "--seeds 0");
        refused(CliTest.run("reproduce", "35", "--seeds", "-1"), "seeds", "--seeds -1");
        long start = System.nanoTime();
        refused(CliTest.run("reproduce", "all", "--out", "/proc/losslab-x"), "out", "unwritable --out");
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused before running anything");
    }

    /** Every command prints its usage for --help (exit 0), also through `losslab help`. */
    @Test
    void everyCommandHasHelp() {
        for (String[] c : new String[][] {{"train", "--help"}, {"loss", "--help"}, {"reproduce", "--help"}, {"list", "--help"}, {"data", "fetch", "--help"},
            {"help", "train"}}) {
            CliTest.Run r = CliTest.run(c);
            assertEquals(0, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: losslab"), String.join(" ", c) + ": " + r.out());
        }
    }

    /** A text column is read as categorical, and the command says so. */
    @Test
    void inferredEncodingIsReported(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("cat.csv"), "a,color,y\n1,red,0\n2,blue,1\n3,green,0\n4,red,1\n5,blue,0\n6,green,1\n7,red,0\n8,blue,1\n");
        CliTest.Run r = CliTest.run("train", "--data", csv.toString(), "--epochs", "1", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: column 'color' is text: one-hot encoded as 3 features [blue, green, red]"), r.out());
    }
}
