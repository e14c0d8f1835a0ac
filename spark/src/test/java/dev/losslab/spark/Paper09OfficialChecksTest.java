package dev.losslab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.repro.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official protocol's checks compare the test accuracy of each loss at the settings its
 * validation accuracy selected, with spec 09's margins; a loss with no finished configuration is
 * not evaluated (never counted as holding).
 */
class Paper09OfficialChecksTest {
    private final List<RunResult> rows = new ArrayList<>();

    /** Three seeds × two folds of one configuration, every run with the same accuracies. */
    private void runs(String loss, String lambda, double lr, String noise, double validation, double test) {
        for (long seed = 0; seed < 3; seed++) {
            for (int fold = 0; fold < 2; fold++) {
                GridPoint p = new GridPoint("digits.csv", null, loss, lambda == null ? Map.of() : Map.of("lambda", lambda), "sgd", Map.of(), lr, "constant",
                        Map.of(), noise, "mlp:10,10", 100, 64, seed, 2, fold, 0.4);
                rows.add(new RunResult(p, RunResult.OK, null, validation, test, new double[] {1}, 10, "driver", 0));
            }
        }
    }

    /** Cross-entropy at 0.80 on every noise setting; its worse learning rate has the better test accuracy (never selected). */
    private void crossEntropy() {
        for (String noise : List.of("none", "symmetric:0.6", "pairflip:0.3")) {
            runs("cross-entropy", null, 0.01, noise, 0.6, 0.80);
            runs("cross-entropy", null, 0.001, noise, 0.5, 0.99);
        }
    }

    @Test
    void selectionUsesValidationAndTheMarginsAreTheSpecs() {
        crossEntropy();
        for (String noise : List.of("none", "symmetric:0.6", "pairflip:0.3")) {
            runs("ldr-kl", "1", 0.01, noise, 0.7, noise.equals("pairflip:0.3") ? 0.86 : noise.equals("symmetric:0.6") ? 0.83 : 0.795);
            runs("ldr-kl", "10", 0.01, noise, 0.4, 0.10);
            runs("aldr-kl", null, 0.01, noise, 0.7, 0.84);
        }
        List<Check> checks = Paper09OfficialChecks.of(rows);
        assertEquals(4, checks.size());
        double[] thresholds = {0.85, 0.85, 0.82, 0.79};
        double[] measured = {0.86, 0.84, 0.83, 0.795};
        for (int i = 0; i < 4; i++) {
            assertEquals(thresholds[i], checks.get(i).threshold(), 1e-12, checks.get(i).description());
            assertEquals(measured[i], checks.get(i).measured(), 1e-12, checks.get(i).description());
        }
        assertTrue(checks.get(0).holds() && checks.get(2).holds() && checks.get(3).holds());
        assertFalse(checks.get(1).holds(), "ALDR-KL 0.84 < CE 0.80 + 0.05");
    }

    @Test
    void aLossWhoseConfigurationsAllFailedIsNotEvaluated() {
        crossEntropy();
        for (String noise : List.of("none", "symmetric:0.6", "pairflip:0.3")) {
            runs("ldr-kl", "1", 0.01, noise, 0.7, 0.9);
        }
        GridPoint p = rows.get(rows.size() - 1).point();
        rows.add(RunResult.failed(new GridPoint(p.data(), null, "aldr-kl", Map.of(), "sgd", Map.of(), 0.01, "constant", Map.of(), "pairflip:0.3", p.model(),
                100, 64, 0, 2, 0, 0.4), "executor lost", 5, "driver", 1));
        Check aldr = Paper09OfficialChecks.of(rows).get(1);
        assertFalse(aldr.evaluated());
        assertFalse(aldr.holds());
        assertTrue(aldr.notEvaluated().contains("aldr-kl"), aldr.notEvaluated());
    }
}
