package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.tracker.Tracker;

/** Compares a schedule's rates at steps 0, 1, … (DJL updates 1, 2, …) with reference values, to 1e-6 relative (the tracker returns float). */
final class ScheduleSteps {
    private ScheduleSteps() {}

    static void assertRates(double[] expected, Tracker schedule) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], schedule.getNewValue(k + 1), 1e-6 * Math.max(1e-3, Math.abs(expected[k])), "step " + k);
        }
    }
}
