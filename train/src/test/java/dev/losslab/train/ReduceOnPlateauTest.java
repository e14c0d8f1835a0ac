package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.train.schedule.ReduceOnPlateau;
import org.junit.jupiter.api.Test;

/**
 * torch's ReduceLROnPlateau (factor 0.5, patience 2, threshold 0.1 relative, cooldown 1, min_lr 0.1)
 * on a metric sequence, transcribed in Python: the rate after each observation; min_lr bounds it.
 */
class ReduceOnPlateauTest {
    @Test
    void matchesTorchPlateau() {
        double[] metrics = {10, 9, 8.5, 8.4, 8.3, 8.2, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5};
        double[] torch = {1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.125, 0.1};
        ReduceOnPlateau s = new ReduceOnPlateau(1, false, 0.5, 2, 0.1, 1, 0.1);
        for (int e = 0; e < metrics.length; e++) {
            s.observe(metrics[e]);
            assertEquals(torch[e], s.getNewValue(1), 1e-7, "epoch " + e);
        }
        assertThrows(IllegalArgumentException.class, () -> s.observe(Double.NaN));
    }

    /** Mode max: an accuracy that stops rising reduces the rate after patience + 1 epochs. */
    @Test
    void maximisingMode() {
        ReduceOnPlateau s = new ReduceOnPlateau(1, true, 0.1, 1, 0, 0, 0);
        for (double acc : new double[] {0.5, 0.6, 0.6, 0.6}) {
            s.observe(acc);
        }
        assertEquals(0.1, s.getNewValue(1), 1e-7);
    }
}
