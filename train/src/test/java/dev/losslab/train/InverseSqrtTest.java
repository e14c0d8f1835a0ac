package dev.losslab.train;

import dev.losslab.train.schedule.InverseSqrt;
import org.junit.jupiter.api.Test;

/** HF transformers' get_inverse_sqrt_schedule (W = timescale = 4), transcribed in Python. */
class InverseSqrtTest {
    @Test
    void matchesHfInverseSqrt() {
        ScheduleSteps.assertRates(new double[] {0.0, 0.25, 0.5, 0.75, 1.0, 0.894427191, 0.816496580928, 0.755928946018, 0.707106781187, 0.666666666667},
                new InverseSqrt(1, 4));
    }
}
