package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.train.schedule.WarmupStableDecay;
import org.junit.jupiter.api.Test;

/** HF transformers' get_wsd_schedule (W = 2, stable 5, decay 3, cosine, min ratio 0.1), transcribed in Python; the linear and 1-sqrt shapes at mid-decay. */
class WarmupStableDecayTest {
    @Test
    void matchesHfWsd() {
        ScheduleSteps.assertRates(new double[] {0.0, 0.5, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.775, 0.325, 0.1, 0.1}, new WarmupStableDecay(1, 2, 3, 10, 0.1, "cosine"));
        assertEquals(0.5, new WarmupStableDecay(1, 0, 4, 10, 0, "linear").getNewValue(9), 1e-7);
        assertEquals(1 - Math.sqrt(0.5), new WarmupStableDecay(1, 0, 4, 10, 0, "1-sqrt").getNewValue(9), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new WarmupStableDecay(1, 6, 6, 10, 0, "cosine"));
        assertThrows(IllegalArgumentException.class, () -> new WarmupStableDecay(1, 1, 1, 10, 0, "step"));
    }
}
