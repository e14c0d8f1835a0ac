package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import me.tongfei.progressbar.ProgressBar;
import org.junit.jupiter.api.Test;

/** A finished bar's last line appears once in a log (the library renders it again on close). */
class ProgressBarsTest {

    @Test
    void finalLineIsPrintedOnce() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProgressBar bar = ProgressBars.start("task", 3, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            for (int i = 0; i < 3; i++) {
                bar.step();
            }
            Thread.sleep(1200);
        }
        String log = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.split("3/3", -1).length - 1, "final state printed once: " + log.replace('\r', '|'));
    }
}
