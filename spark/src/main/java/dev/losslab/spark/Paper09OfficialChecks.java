package dev.losslab.spark;

import dev.losslab.lab.repro.Check;
import dev.losslab.spark.CrossValidatedSelection.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Paper 09's claim checked on its official protocol ({@link OfficialGrids#paper09}): the spec's
 * four inequalities, with the same margins as the small setup's, between the test accuracies (mean
 * over seeds × folds) of LDR-KL, ALDR-KL and cross-entropy, each at the settings its own
 * cross-validation selected (where the small setup takes the best of two learning rates).
 * Class-dependent 0.3 is the grid's {@code pairflip:0.3}, uniform 0.6 its {@code symmetric:0.6}.
 */
public final class Paper09OfficialChecks {
    static final String CE = "cross-entropy";
    static final String LDR = "ldr-kl";
    static final String ALDR = "aldr-kl";

    private Paper09OfficialChecks() {}

    /** The four checks on {@code rows} of the official sweep (one data set). */
    public static List<Check> of(List<RunResult> rows) {
        CrossValidatedSelection selection = CrossValidatedSelection.of(rows);
        String data = rows.isEmpty() ? "" : rows.get(0).point().data();
        List<Check> checks = new ArrayList<>();
        checks.add(check(selection, data, "pairflip:0.3", "class-dependent 0.3", LDR, "LDR-KL", 0.05));
        checks.add(check(selection, data, "pairflip:0.3", "class-dependent 0.3", ALDR, "ALDR-KL", 0.05));
        checks.add(check(selection, data, "symmetric:0.6", "uniform 0.6", LDR, "LDR-KL", 0.02));
        checks.add(check(selection, data, "none", "clean", LDR, "LDR-KL", -0.01));
        return checks;
    }

    private static Check check(CrossValidatedSelection selection, String data, String noise, String noiseWords, String loss, String lossWords, double margin) {
        String description = String.format(java.util.Locale.ROOT, "official protocol, %s: %s ≥ CE %s %.2f (each at its cross-validated settings)", noiseWords,
                lossWords, margin < 0 ? "−" : "+", Math.abs(margin));
        Optional<Summary> method = selection.selected(data, loss, noise);
        Optional<Summary> baseline = selection.selected(data, CE, noise);
        if (method.isEmpty() || baseline.isEmpty()) {
            return Check.notEvaluated(description, Double.NaN, false, "no configuration of " + (method.isEmpty() ? loss : CE) + " under " + noise
                    + " finished all its runs");
        }
        return Check.atLeast(description, method.get().meanTest(), baseline.get().meanTest() + margin);
    }
}
