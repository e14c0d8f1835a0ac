package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.losslab.train.schedule.Refined;
import dev.losslab.train.schedule.RunLength;
import dev.losslab.train.schedule.ScheduleFactory;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 36's worked examples: multipliers for both variants, the median filter, constant norms = linear decay, scale invariance, the registered schedule. */
class RefinedTest {
    @Test
    void spec36Multipliers() {
        assertArrayEquals(new double[] {1, 0.75, 0.5, 0.25, 0}, Refined.multipliers(new double[] {1, 1, 1, 1, 1}, 0, false), 1e-15);
        assertArrayEquals(new double[] {0.15625, 0.5625, 0.5, 1.0, 0.0}, Refined.multipliers(new double[] {2, 1, 1, 0.5, 0.5}, 0, false), 1e-12);
        assertArrayEquals(new double[] {0.6, 1.0, 0.8, 0.8, 0.0}, Refined.multipliers(new double[] {2, 1, 1, 0.5, 0.5}, 0, true), 1e-12);
        assertArrayEquals(new double[] {1.0, 0.0617647059, 0.00367647059, 0.000183823529, 0}, Refined.multipliers(new double[] {0.5, 1, 2, 4, 8}, 0, false), 1e-10);
    }

    @Test
    void spec36MedianFilter() {
        assertArrayEquals(new double[] {5, 5, 4, 3, 3, 3, 2, 2, 1.5, 1, 1.5}, Refined.medianFilter(new double[] {5, 4, 9, 3, 3, 2, 8, 2, 1, 1.5, 1}, 0.3), 0);
    }

    /** Scaling the norms leaves the multipliers; constant norms give linear decay; the last multiplier is 0 and the largest 1. */
    @Property(tries = 30)
    void invariances(@ForAll @DoubleRange(min = 0.01, max = 100) double c) {
        double[] g = {3, 2.5, 2, 1.2, 1.1, 0.9, 0.5};
        double[] scaled = g.clone();
        for (int i = 0; i < g.length; i++) {
            scaled[i] *= c;
        }
        double[] m = Refined.multipliers(g, 0.3, false);
        assertArrayEquals(m, Refined.multipliers(scaled, 0.3, false), 1e-12);
        assertEquals(0, m[m.length - 1], 0);
        assertEquals(1, java.util.Arrays.stream(m).max().orElseThrow(), 1e-15);
        double[] flat = Refined.multipliers(new double[] {c, c, c, c, c, c, c, c, c, c}, 0.2, true);
        for (int i = 0; i < 10; i++) {
            assertEquals((10 - 1 - i) / 9.0, flat[i], 1e-12);
        }
    }

    @Test
    void registeredFromNormsAndResampled() {
        Tracker t = ScheduleFactory.of("refined", Map.of("norms", List.of(2.0, 1.0, 1.0, 0.5, 0.5), "smoothing", 0.0)).create(2f, new RunLength(5, 1));
        ScheduleSteps.assertRates(new double[] {0.3125, 1.125, 1.0, 2.0, 0.0}, t);
        Tracker longer = ScheduleFactory.of("refined", Map.of("norms", List.of(1.0, 1.0, 1.0), "smoothing", 0.0)).create(1f, new RunLength(5, 1));
        ScheduleSteps.assertRates(new double[] {1, 0.75, 0.5, 0.25, 0}, longer);
        assertThrows(IllegalArgumentException.class, () -> ScheduleFactory.of("refined", Map.of()).create(1f, new RunLength(5, 1)));
        assertThrows(IllegalArgumentException.class, () -> Refined.multipliers(new double[] {1, 0}, 0.1, false));
    }
}
