package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code losslab distill} from a saved teacher and from a logits file, and its errors. */
class DistillCommandTest {

    static Path data(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        Random r = new Random(1);
        for (int i = 0; i < 120; i++) {
            int y = i % 3;
            csv.append(String.format("%.3f,%.3f,%.3f,%d%n", y + r.nextGaussian() * 0.5, -y + r.nextGaussian() * 0.5, r.nextGaussian(), y));
        }
        return Files.writeString(dir.resolve("d.csv"), csv.toString());
    }

    @Test
    void distilsFromASavedTeacherAndFromLogits(@TempDir Path dir) throws Exception {
        Path csv = data(dir);
        Path teacher = dir.resolve("teacher");
        CliTest.Run t = CliTest.run("train", "--data", csv.toString(), "--model", "mlp:16", "--epochs", "5", "--seed", "2", "--out", teacher.toString());
        assertEquals(0, t.code(), t.err());
        Path student = dir.resolve("student");
        CliTest.Run d = CliTest.run("distill", "--data", csv.toString(), "--teacher", teacher.toString(), "--loss", "dkd", "--warmup", "2", "--epochs", "3",
                "--seed", "2", "--out", student.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(Files.readString(student.resolve("report.md")).contains("| 3 |"));
        StringBuilder logits = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            logits.append(i % 3 == 0 ? "2,0,0" : i % 3 == 1 ? "0,2,0" : "0,0,2").append('\n');
        }
        Path file = Files.writeString(dir.resolve("logits.csv"), logits.toString());
        CliTest.Run n = CliTest.run("distill", "--data", csv.toString(), "--teacher-logits", file.toString(), "--loss", "uskd", "--model", "mlp:8",
                "--epochs", "2", "--out", dir.resolve("s2").toString());
        assertEquals(0, n.code(), n.err());
        assertTrue(n.out().contains("teacher train accuracy 1.0000"), n.out());
    }

    @Test
    void badTeachersAndLossesExitTwo(@TempDir Path dir) throws Exception {
        Path csv = data(dir);
        Path short_ = Files.writeString(dir.resolve("short.csv"), "1,0,0\n");
        CliTest.Run rows = CliTest.run("distill", "--data", csv.toString(), "--teacher-logits", short_.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, rows.code());
        assertTrue(rows.err().contains("teacher-logits") && rows.err().contains("1 rows"), rows.err());
        CliTest.Run none = CliTest.run("distill", "--data", csv.toString(), "--out", dir.resolve("y").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("teacher"), none.err());
        CliTest.Run ce = CliTest.run("distill", "--data", csv.toString(), "--teacher-logits", short_.toString(), "--loss", "cross-entropy",
                "--out", dir.resolve("z").toString());
        assertEquals(2, ce.code());
        assertTrue(ce.err().contains("loss"), ce.err());
        CliTest.Run deep = CliTest.run("distill", "--data", csv.toString(), "--teacher-logits", short_.toString(), "--loss", "uskd", "--model", "mlp:8,8",
                "--out", dir.resolve("w").toString());
        assertEquals(2, deep.code());
        assertTrue(deep.err().contains("model"), deep.err());
    }
}
