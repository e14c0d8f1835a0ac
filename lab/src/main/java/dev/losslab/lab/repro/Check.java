package dev.losslab.lab.repro;

/**
 * One asserted inequality of a claim: {@code measured ≥ threshold} (or ≤ when {@code atMost}).
 *
 * @param description what is compared, in words
 * @param measured the measured value (a mean over seeds)
 * @param threshold the bound it must meet
 * @param atMost true for measured ≤ threshold
 */
public record Check(String description, double measured, double threshold, boolean atMost) {

    public boolean holds() {
        return atMost ? measured <= threshold : measured >= threshold;
    }

    public static Check atLeast(String description, double measured, double threshold) {
        return new Check(description, measured, threshold, false);
    }

    public static Check atMost(String description, double measured, double threshold) {
        return new Check(description, measured, threshold, true);
    }
}
