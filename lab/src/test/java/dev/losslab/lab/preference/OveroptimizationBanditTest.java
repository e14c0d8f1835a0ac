package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.preference.Dpo;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The toy's reference policy and a DPO run's direction. */
class OveroptimizationBanditTest {

    /** At θ = 0 the OOD mass is 30·e^−4/(10 + 30·e^−4) ≈ 0.052 and the log-probs normalise. */
    @Test
    void referencePolicy() {
        OveroptimizationBandit b = OveroptimizationBandit.draw(4, 10, 30, 300, 1);
        double[] lp = b.logProbs(new double[4]);
        assertEquals(1, Arrays.stream(lp).map(Math::exp).sum(), 1e-12);
        double ood = 30 * Math.exp(-4) / (10 + 30 * Math.exp(-4));
        assertEquals(ood, b.snapshot(new double[4]).oodMass(), 1e-12);
    }

    /** Even 200 DPO steps move mass toward the OOD responses that the linear reward over-rates. */
    @Test
    void dpoMovesMassTowardTheOverRatedResponses() {
        OveroptimizationBandit b = OveroptimizationBandit.draw(4, 10, 30, 300, 1);
        OveroptimizationBandit.Snapshot[] trace = b.train(new Dpo(0.1), 200, 0.5, 200);
        assertEquals(2, trace.length);
        assertTrue(trace[1].oodMass() > trace[0].oodMass(), "DPO moves mass toward the over-rated OOD responses");
    }
}
