package dev.losslab.lab.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.lab.classifier.LargeStepLogistic.Method;
import org.junit.jupiter.api.Test;

/** Spec 06's worked examples: Theorem 4.1's two points, and Table 1's worst-case data set (exact iteration counts). */
class LargeStepLogisticTest {
    static final double[][] TWO = {{1, -1}, {-1, -4}};
    static final int[] TWO_Y = {1, -1};

    /** LR+GD from 0 on Theorem 4.1's data: f(θ₁) grows with γ (1.289 at γ = 10, 12.5 at γ = 100), yet two updates separate. */
    @Test
    void theorem41() {
        try (LargeStepLogistic lr = new LargeStepLogistic(TWO, TWO_Y)) {
            LargeStepLogistic.Run g1 = lr.run(Method.LR_GD, 1, 10);
            assertEquals(2, g1.updates());
            assertEquals(0.4278449190757321, g1.losses()[0], 1e-12);
            assertEquals(0.3106323602277823, g1.losses()[1], 1e-12);
            LargeStepLogistic.Run g10 = lr.run(Method.LR_GD, 10, 10);
            assertEquals(1.289444867146275, g10.losses()[0], 1e-12);
            assertEquals(5.901374890939188e-4, g10.losses()[1], 1e-15);
            LargeStepLogistic.Run g100 = lr.run(Method.LR_GD, 100, 10);
            assertEquals(12.500000000006944, g100.losses()[0], 1e-9);
            assertEquals(2, g100.updates());
            assertTrue(g100.losses()[1] < 1e-30);
        }
    }

    /** Table 1: Normalized LR+GD 2, 2, 16, 157 for γ = 100, 10, 1, 0.1; LR+GD γ = 100: 308; Batch Perceptron 301; normalized 2. */
    @Test
    void worstCaseTable() {
        try (LargeStepLogistic lr = LargeStepLogistic.worstCase(1000)) {
            assertEquals(2, lr.run(Method.NORMALIZED_LR_GD, 100, 5000).updates());
            assertEquals(2, lr.run(Method.NORMALIZED_LR_GD, 10, 5000).updates());
            assertEquals(16, lr.run(Method.NORMALIZED_LR_GD, 1, 5000).updates());
            assertEquals(157, lr.run(Method.NORMALIZED_LR_GD, 0.1, 5000).updates());
            assertEquals(308, lr.run(Method.LR_GD, 100, 5000).updates());
            assertEquals(301, lr.run(Method.BATCH_PERCEPTRON, 0, 5000).updates());
            assertEquals(2, lr.run(Method.NORMALIZED_BATCH_PERCEPTRON, 0, 5000).updates());
            assertTrue(lr.run(Method.PERCEPTRON, 0, 5000).solved());
            LargeStepLogistic.Run capped = lr.run(Method.LR_GD, 100, 50);
            assertEquals(50, capped.updates());
            assertTrue(!capped.solved());
        }
    }

    @Test
    void badLabelsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LargeStepLogistic(TWO, new int[] {1, 0})).getMessage().startsWith("y:"));
    }
}
