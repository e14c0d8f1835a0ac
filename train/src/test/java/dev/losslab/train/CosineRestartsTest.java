package dev.losslab.train;

import dev.losslab.train.schedule.CosineRestarts;
import dev.losslab.train.schedule.RunLength;
import dev.losslab.train.schedule.ScheduleFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** torch's CosineAnnealingWarmRestarts (T_0 = 3, T_mult = 2) stepped once per epoch, transcribed in Python; cycles of 3, 6, 12 updates restart at the base. */
class CosineRestartsTest {
    static final double[] TORCH = {1.0, 0.75, 0.25, 1.0, 0.933012701892, 0.75, 0.5, 0.25, 0.066987298108, 1.0, 0.982962913145, 0.933012701892};

    @Test
    void matchesTorchWarmRestarts() {
        ScheduleSteps.assertRates(TORCH, new CosineRestarts(1, 3, 2, 0));
        ScheduleSteps.assertRates(TORCH, ScheduleFactory.of("cosine-restarts", Map.of("t0_epochs", 3, "t_mult", 2)).create(1f, new RunLength(1, 20)));
    }
}
