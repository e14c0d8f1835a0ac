package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.train.schedule.ScheduleFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConstantRateTest {

    @Test
    void keepsTheBaseRateAtEveryUpdate() {
        Tracker s = ScheduleFactory.of("constant", Map.of()).create(0.03f, new dev.losslab.train.schedule.RunLength(7, 2));
        for (int t : new int[] {1, 2, 100, 1_000_000}) {
            assertEquals(0.03f, s.getNewValue(t));
        }
    }

    @Test
    void anOptimizerIsNotASchedule() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ScheduleFactory.of("adamw", Map.of()));
        assertEquals("name", e.argument());
    }
}
