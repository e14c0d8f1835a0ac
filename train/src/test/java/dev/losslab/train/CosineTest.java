package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.losslab.train.schedule.Cosine;
import org.junit.jupiter.api.Test;

/**
 * torch's CosineAnnealingLR (base 0.1, T_max 10, eta_min 0.01) stepped by its chainable recursion,
 * transcribed in Python, against the closed form here; the warm-up variant reaches the base at W and
 * the minimum at T.
 */
class CosineTest {
    @Test
    void matchesTorchRecursion() {
        ScheduleSteps.assertRates(new double[] {0.1, 0.097797543233, 0.091405764747, 0.081450336353, 0.068905764747, 0.055, 0.041094235253, 0.028549663647,
                0.018594235253, 0.012202456767, 0.01, 0.01}, new Cosine(0.1, 0, 10, 0.1));
    }

    @Test
    void warmupThenDecay() {
        Cosine c = new Cosine(2, 4, 20, 0);
        assertEquals(1, c.getNewValue(3), 1e-7);
        assertEquals(2, c.getNewValue(5), 1e-7);
        assertEquals(1, c.getNewValue(13), 1e-6);
        assertEquals(0, c.getNewValue(21), 1e-7);
    }
}
