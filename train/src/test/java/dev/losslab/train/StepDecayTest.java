package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.train.schedule.ScheduleFactory;
import dev.losslab.train.schedule.StepDecay;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepDecayTest {

    private static float[] rates(Tracker s, int updates) {
        float[] got = new float[updates];
        for (int t = 1; t <= updates; t++) {
            got[t - 1] = s.getNewValue(t);
        }
        return got;
    }

    /** PyTorch MultiStepLR(milestones=[3, 5], gamma=0.1) stepped once per update. */
    @Test
    void isPiecewiseConstant() {
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 0.01f, 0.01f, 0.001f, 0.001f}, rates(new StepDecay(0.1f, 0.1f, 3, 5), 7), 1e-9f);
    }

    /** The registered schedule counts milestones in epochs: milestone 2 with 3 updates per epoch drops after update 6. */
    @Test
    void registeredMilestonesCountEpochs() {
        Tracker s = ScheduleFactory.of("step-decay", Map.of("milestones", "2", "factor", "0.5")).create(1f, new dev.losslab.train.schedule.RunLength(3, 10));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 0.5f, 0.5f}, rates(s, 8), 0f);
    }

    @Test
    void refusesAFactorOutsideItsRange() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> new StepDecay(1f, 0f, 1));
        assertEquals("factor", e.argument());
        assertThrows(InvalidArgumentException.class, () -> ScheduleFactory.of("step-decay", Map.of("milestones", "0")));
    }
}
