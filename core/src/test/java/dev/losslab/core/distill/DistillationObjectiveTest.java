package dev.losslab.core.distill;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.classification.softmax.CrossEntropy;
import org.junit.jupiter.api.Test;

/** The distiller's mix: spec 37's CE + NKD total, KD's 0.1/0.9 mix, DKD's warm-up, bad input. */
class DistillationObjectiveTest {
    static final double[][] ZS = DistillationLossesTest.ZS;
    static final double[][] ZT = DistillationLossesTest.ZT;

    @Test
    void spec37Totals() {
        assertClose(2.54993193, DistillationLossesTest.eval(new DistillationObjective(new Nkd(1, 1.5), 1, 1, 0), ZS, ZT)[0][0], 1e-8);
        assertClose(0.962478253, DistillationLossesTest.eval(new DistillationObjective(new Uskd(1, 0.1, 0.005), 1, 1, 0), ZS, ZT)[0][0], 1e-8);
        assertClose(0.1 * 0.433912269 + 0.9 * 0.229159527, DistillationLossesTest.eval(new DistillationObjective(new Kd(4), 0.1, 0.9, 0), ZS, ZT)[0][0], 1e-8);
    }

    @Test
    void warmUpGrowsLinearlyToOne() {
        DistillationObjective dkd = new DistillationObjective(new Dkd(1, 8, 4), 1, 1, 20);
        dkd.beforeStep(4, 100);
        assertEquals(0.25, dkd.warm(), 0);
        assertClose(0.433912269 + 0.25 * 2.19005009, DistillationLossesTest.eval(dkd, ZS, ZT)[0][0], 1e-8);
        dkd.beforeStep(30, 100);
        assertEquals(1, dkd.warm(), 0);
    }

    @Test
    void badInput() {
        assertEquals("loss", assertThrows(InvalidArgumentException.class, () -> new DistillationObjective(new CrossEntropy(), 1, 1, 0)).argument());
        assertEquals("warmup_epochs", assertThrows(InvalidArgumentException.class, () -> new DistillationObjective(new Kd(1), 1, 1, -1)).argument());
    }
}
