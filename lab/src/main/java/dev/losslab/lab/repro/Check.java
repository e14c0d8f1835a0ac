package dev.losslab.lab.repro;

/**
 * One asserted inequality of a claim: {@code measured ≥ threshold} (or ≤ when {@code atMost}), or a
 * check that could not be evaluated in this run (its bound would be vacuous), with the reason.
 *
 * @param description what is compared, in words
 * @param measured the measured value (a mean over seeds); NaN when not evaluated
 * @param threshold the bound it must meet
 * @param atMost true for measured ≤ threshold
 * @param notEvaluated why the check was not evaluated, or null when it was
 */
public record Check(String description, double measured, double threshold, boolean atMost, String notEvaluated) {

    public static Check atLeast(String description, double measured, double threshold) {
        return new Check(description, measured, threshold, false, null);
    }

    public static Check atMost(String description, double measured, double threshold) {
        return new Check(description, measured, threshold, true, null);
    }

    /** A check whose comparison would say nothing in this run (e.g. every run of one side diverged). */
    public static Check notEvaluated(String description, double threshold, boolean atMost, String reason) {
        return new Check(description, Double.NaN, threshold, atMost, reason);
    }

    public boolean evaluated() {
        return notEvaluated == null;
    }

    /** True for an evaluated check whose inequality holds; a check not evaluated never holds. */
    public boolean holds() {
        return evaluated() && (atMost ? measured <= threshold : measured >= threshold);
    }

    /** How far inside the bound the measurement lies (negative: by how much it misses); NaN when not evaluated. */
    public double margin() {
        return atMost ? threshold - measured : measured - threshold;
    }
}
