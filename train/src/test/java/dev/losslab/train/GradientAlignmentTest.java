package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PCGrad's projection: a conflicting secondary gradient loses its component along the primary; an agreeing one is kept. */
class GradientAlignmentTest {
    @Test
    void conflictingGradientBecomesOrthogonal() {
        double[] p = {1, 2, 0};
        double[] s = {-3, 1, 4};
        assertTrue(GradientAlignment.project(s, p));
        assertArrayEquals(new double[] {-2.8, 1.4, 4}, s, 1e-12);
        assertEquals(0, s[0] * p[0] + s[1] * p[1] + s[2] * p[2], 1e-12);
        assertArrayEquals(new double[] {1, 2, 0}, p, 0);
    }

    @Test
    void agreeingOrZeroPrimaryIsKept() {
        double[] s = {1, -1, 2};
        assertFalse(GradientAlignment.project(s, new double[] {1, 1, 0}));
        assertArrayEquals(new double[] {1, -1, 2}, s, 0);
        assertFalse(GradientAlignment.project(s, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> GradientAlignment.project(new double[2], new double[3]));
    }
}
