package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.losslab.train.schedule.LinearDecay;
import dev.losslab.train.schedule.RunLength;
import dev.losslab.train.schedule.ScheduleFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HF transformers' get_linear_schedule_with_warmup (W = 2, T = 10), transcribed in Python; zero at T; built by name from fractions of the run. */
class LinearDecayTest {
    @Test
    void matchesHfLinearWithWarmup() {
        ScheduleSteps.assertRates(new double[] {0, 0.5, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0}, new LinearDecay(1, 2, 10));
    }

    @Test
    void builtByNameFromTheRunLength() {
        Tracker t = ScheduleFactory.of("linear-decay", Map.of("warmup_fraction", 0.2)).create(0.5f, new RunLength(5, 2));
        assertEquals(0.25, t.getNewValue(2), 1e-7);
        assertEquals(0.5, t.getNewValue(3), 1e-7);
        assertEquals(0, t.getNewValue(11), 0);
        assertThrows(IllegalArgumentException.class, () -> new LinearDecay(1, 10, 10));
    }
}
