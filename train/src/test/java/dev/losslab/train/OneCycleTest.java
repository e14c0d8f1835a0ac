package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.train.schedule.OneCycle;
import org.junit.jupiter.api.Test;

/** torch's OneCycleLR (max 1, 10 steps, pct_start 0.3, div 25, final_div 1e4, cos) through its phase loop, transcribed in Python. */
class OneCycleTest {
    @Test
    void matchesTorchOneCycle() {
        ScheduleSteps.assertRates(new double[] {0.04, 0.52, 1.0, 0.950484632013, 0.81174565395, 0.611262021936, 0.388741978064, 0.18825834605, 0.049519367987, 4e-06},
                new OneCycle(1, 10, 0.3, 25, 1e4));
        assertThrows(IllegalArgumentException.class, () -> new OneCycle(1, 10, 1.2, 25, 1e4));
    }
}
