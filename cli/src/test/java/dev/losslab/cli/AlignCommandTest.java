package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab align} end to end on a small corpus and pair file, from SFT and from a saved model, and its errors. */
class AlignCommandTest {
    static final String TEXT = "the cat sat on the mat. the dog sat on the log. a cat and a dog ran to the sea.\n".repeat(20);
    static final String PAIRS = """
            {"prompt": "the cat ", "chosen": "sat on", "rejected": "ran to"}
            {"prompt": "a dog ", "chosen": "sat", "rejected": "ran"}

            {"prompt": "the ", "chosen": "sea.", "rejected": "log."}
            """;

    @Test
    void alignsFromSftAndFromASavedModel(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("corpus.txt"), TEXT);
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), PAIRS);
        Path out = dir.resolve("run");
        CliTest.Run r = CliTest.run("align", "--text", text.toString(), "--pairs", pairs.toString(), "--sft-steps", "30", "--epochs", "3",
                "--batch", "2", "--lr", "0.01", "--hidden", "16", "--sample-length", "6", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        for (String f : new String[] {"sft.lm", "policy.lm", "report.md", "reward-accuracy.png", "kl.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| 3 |"), report);
        Path again = dir.resolve("again");
        CliTest.Run r2 = CliTest.run("align", "--init", out.resolve("policy.lm").toString(), "--pairs", pairs.toString(), "--loss", "ipo",
                "--param", "beta=0.5", "--epochs", "1", "--batch", "3", "--ld-alpha", "0.5", "--wpo", "--out", again.toString());
        assertEquals(0, r2.code(), r2.err());
        String second = Files.readString(again.resolve("report.md"));
        assertTrue(second.contains("initial model") && second.contains("LD-DPO α 0.5") && second.contains("WPO"), second);
    }

    @Test
    void badPairsAndLossesExitTwoWithTheReason(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("corpus.txt"), TEXT);
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"prompt\": \"the\", \"chosen\": \"cat\"}\n");
        CliTest.Run r = CliTest.run("align", "--text", text.toString(), "--pairs", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.jsonl line 1") && r.err().contains("rejected"), r.err());
        assertTrue(Files.notExists(dir.resolve("x")), "no half-written output");
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), PAIRS);
        CliTest.Run kto = CliTest.run("align", "--text", text.toString(), "--pairs", pairs.toString(), "--loss", "kto", "--out", dir.resolve("y").toString());
        assertEquals(2, kto.code());
        assertTrue(kto.err().contains("loss"), kto.err());
        CliTest.Run none = CliTest.run("align", "--pairs", pairs.toString(), "--out", dir.resolve("z").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--init"), none.err());
    }
}
