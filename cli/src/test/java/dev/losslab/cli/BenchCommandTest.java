package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code losslab bench} on a tiny case: a row per loss and the training step, with or without a PyTorch column; bad sizes are refused by name. */
class BenchCommandTest {
    @Test
    void timesLossesAndTheTrainingStep() {
        CliTest.Run r = CliTest.run("bench", "--size", "8x4", "--loss", "cross-entropy", "--loss", "ldr-kl", "--repeats", "3", "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cross-entropy    8 × 4") && r.out().contains("ldr-kl           8 × 4"), r.out());
        assertTrue(r.out().contains("training step"), r.out());
        assertTrue(r.out().contains("PyTorch") , r.out());
        java.util.regex.Matcher ms = java.util.regex.Pattern.compile("cross-entropy\\s+8 × 4\\s+([0-9.]+)").matcher(r.out());
        assertTrue(ms.find() && Double.parseDouble(ms.group(1)) > 0, r.out());
    }

    /** --fused prints time and memory of both forms at the vocabulary asked for. */
    @Test
    void comparesTheFusedLossWithTheMaterialisedLogits() {
        CliTest.Run r = CliTest.run("bench", "--fused", "--vocab", "16", "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(java.util.regex.Pattern.compile("(?m)^16\\s+[0-9]+\\s+[0-9]+\\s+[0-9.]+").matcher(r.out()).find(), r.out());
        assertTrue(CliTest.run("bench", "--fused", "--vocab", "1").err().startsWith("losslab: vocab:"));
    }

    /** --spherical prints the factored and the log-softmax step times and their ratio at the sizes asked for. */
    @Test
    void timesTheFactoredSphericalLayer() {
        CliTest.Run r = CliTest.run("bench", "--spherical", "--outputs", "600", "--repeats", "3", "--rounds", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(java.util.regex.Pattern.compile("(?m)^600(\\s+[0-9.]+){8}$").matcher(r.out()).find(), r.out());
        assertTrue(CliTest.run("bench", "--spherical", "--outputs", "1").err().startsWith("losslab: outputs:"));
    }

    @Test
    void refusesBadSizesAndRounds() {
        CliTest.Run size = CliTest.run("bench", "--size", "8by4");
        assertEquals(2, size.code(), size.err());
        assertTrue(size.err().startsWith("losslab: size:"), size.err());
        CliTest.Run rounds = CliTest.run("bench", "--rounds", "0");
        assertTrue(rounds.err().startsWith("losslab: rounds:"), rounds.err());
    }
}
