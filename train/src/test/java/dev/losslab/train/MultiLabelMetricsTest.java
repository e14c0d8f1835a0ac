package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spec 14 worked example 4 (per-class precision/recall and their macro means hand-computed from its tables). */
class MultiLabelMetricsTest {
    @Test
    void golden() {
        int[][] y = {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}, {0, 0, 1, 0}};
        int[][] p = {{1, 1, 0, 0}, {0, 1, 0, 0}, {1, 1, 0, 1}, {0, 0, 1, 0}};
        MultiLabelMetrics m = MultiLabelMetrics.of(y, p);
        assertEquals(0.7142857142857143, m.microPrecision(), 1e-15);
        assertEquals(0.7142857142857143, m.microRecall(), 1e-15);
        assertEquals(0.7142857142857143, m.microF1(), 1e-15);
        assertArrayEquals(new double[] {1, 0.8, 2 / 3.0, 0}, m.perClassF1(), 1e-12);
        assertEquals(0.6166666666666667, m.macroF1(), 1e-15);
        assertArrayEquals(new double[] {1, 2 / 3.0, 1, 0}, m.perClassPrecision(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 0.5, 0}, m.perClassRecall(), 1e-15);
        assertEquals(2 / 3.0, m.macroPrecision(), 1e-15);
        assertEquals(0.625, m.macroRecall(), 1e-15);
        assertEquals(0.625, m.jaccard(), 1e-15);
        assertEquals(0.25, m.hamming(), 1e-15);
    }

    @Test
    void emptyRowsCountAsPerfectJaccard() {
        MultiLabelMetrics m = MultiLabelMetrics.of(new int[][] {{0, 0}, {1, 0}}, new int[][] {{0, 0}, {0, 0}});
        assertEquals(0.5, m.jaccard(), 1e-15);
        assertEquals(0.25, m.hamming(), 1e-15);
        assertEquals(0, m.microPrecision());
    }
}
