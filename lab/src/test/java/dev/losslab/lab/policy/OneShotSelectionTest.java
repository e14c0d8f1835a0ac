package dev.losslab.lab.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 60's historical variance score and the ranking that picks π₁. */
class OneShotSelectionTest {
    @Test
    void spec60Score() {
        assertEquals(0.3227486122, OneShotSelection.historicalVarianceScore(new double[] {0, 0.25, 0.5, 0.5, 1, 0.75}), 1e-10);
        assertEquals(0, OneShotSelection.historicalVarianceScore(new double[] {1, 1, 1}), 0);
    }

    @Test
    void rankingAndRepetition() {
        assertArrayEquals(new int[] {1, 2, 0}, OneShotSelection.rank(new double[][] {{1, 1}, {0, 1}, {0, 0.5}}));
        assertEquals(List.of("π1", "π1", "π1"), OneShotSelection.repeat("π1", 3));
    }
}
