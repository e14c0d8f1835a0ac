package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spec 50's worked example A: DPO lowers both log-probs, the SimPO-like weighting raises both; the pair-normalised direction. */
class GradientEntanglementTest {
    static final double[] GW = {1, 2, 0.5};
    static final double[] GL = {1.2, 2.1, 0.3};

    @Test
    void specFiftyExampleA() {
        GradientEntanglement dpo = GradientEntanglement.of(GW, GL, 1, 1);
        assertClose(5.55, dpo.inner(), 1e-12);
        assertClose(5.25, dpo.chosenNorm2(), 1e-12);
        assertClose(5.94, dpo.rejectedNorm2(), 1e-12);
        assertClose(0.9938483223, dpo.cosine(), 1e-10);
        assertClose(-0.30, dpo.chosenChange(), 1e-12);
        assertClose(-0.39, dpo.rejectedChange(), 1e-12);
        assertFalse(dpo.chosenRises());
        assertTrue(dpo.rejectedFalls());
        assertTrue(dpo.score() > 1);
        GradientEntanglement simpo = GradientEntanglement.of(GW, GL, 0.1, 0.05);
        assertClose(0.2475, simpo.chosenChange(), 1e-12);
        assertClose(0.258, simpo.rejectedChange(), 1e-12);
    }

    /** u = g_w/‖g_w‖ − g_l/‖g_l‖: first-order changes ‖g_w‖(1 − cos) ≥ 0 and ‖g_l‖(cos − 1) ≤ 0. */
    @Test
    void pairNormalizedDirection() {
        double[] u = GradientEntanglement.pairNormalizedDirection(GW, GL);
        double cos = GradientEntanglement.of(GW, GL, 1, 1).cosine();
        assertClose(Math.sqrt(5.25) * (1 - cos), GradientEntanglement.dot(GW, u), 1e-12);
        assertClose(Math.sqrt(5.94) * (cos - 1), GradientEntanglement.dot(GL, u), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> GradientEntanglement.of(GW, new double[] {1}, 1, 1));
    }
}
