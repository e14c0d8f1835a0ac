package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.preference.Dpo;
import org.junit.jupiter.api.Test;

/** The metric's ends and a short DPO run's direction. */
class TabularPreferenceBanditTest {

    /** The uniform policy scores 0; a policy that puts (almost) all mass on the best response scores (almost) 1. */
    @Test
    void normalisedImprovementRunsFromZeroToOne() {
        TabularPreferenceBandit b = TabularPreferenceBandit.draw(20, 10, 100, 3);
        assertEquals(0, b.normalisedImprovement(new double[20][10]), 1e-12);
        double[][] greedy = new double[20][10];
        for (int s = 0; s < 20; s++) {
            int best = 0;
            for (int a = 1; a < 10; a++) {
                best = b.reward()[s][a] > b.reward()[s][best] ? a : best;
            }
            greedy[s][best] = 50;
        }
        assertEquals(1, b.normalisedImprovement(greedy), 1e-9);
    }

    @Test
    void dpoImprovesThePolicy() {
        TabularPreferenceBandit b = TabularPreferenceBandit.draw(20, 10, 2000, 3);
        double[][] theta = b.train(new Dpo(0.1), TabularPreferenceBandit.View.PAIRED, 300, 64, 30, 1);
        assertTrue(b.normalisedImprovement(theta) > 0.3, "improvement " + b.normalisedImprovement(theta));
    }
}
