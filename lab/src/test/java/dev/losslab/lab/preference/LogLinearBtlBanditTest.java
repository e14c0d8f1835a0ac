package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.RobustDpo;
import org.junit.jupiter.api.Test;

/** The bandit's draws, the DPO consistency on clean labels, and the value of the true parameter. */
class LogLinearBtlBanditTest {

    @Test
    void drawsTheSpecsShapes() {
        LogLinearBtlBandit b = LogLinearBtlBandit.draw(100, 8, 6, 2, 2000, 1, 0.2, 3);
        assertEquals(100, b.features().length);
        assertEquals(8, b.features()[0].length);
        assertEquals(2000, b.winners().length);
        assertEquals(2, LogLinearBtlBandit.norm(b.thetaStar()), 1e-12);
    }

    /** Clean labels and many pairs: DPO recovers θ* (its population optimum), and θ* earns more than the uniform reference. */
    @Test
    void dpoIsConsistentOnCleanLabels() {
        LogLinearBtlBandit b = LogLinearBtlBandit.draw(100, 8, 6, 2, 20000, 1, 0, 7);
        double[] theta = b.fit(new Dpo(1), 1e-9);
        assertTrue(b.relativeError(theta) < 0.05, "rel_err " + b.relativeError(theta));
        assertTrue(b.value(b.thetaStar()) > b.value(new double[6]) + 0.5);
    }

    /** With flips, rDPO given the true rate stays close to θ* while DPO shrinks toward 0. */
    @Test
    void robustDpoDebiasesFlippedLabels() {
        LogLinearBtlBandit b = LogLinearBtlBandit.draw(100, 8, 6, 2, 20000, 1, 0.2, 7);
        double rdpo = b.relativeError(b.fit(new RobustDpo(1, 0.2), 1e-9));
        double[] dpoTheta = b.fit(new Dpo(1), 1e-9);
        assertTrue(rdpo < 0.15, "rDPO rel_err " + rdpo);
        assertTrue(LogLinearBtlBandit.norm(dpoTheta) < 0.6 * 2, "DPO shrinks: |θ̂| = " + LogLinearBtlBandit.norm(dpoTheta));
    }
}
