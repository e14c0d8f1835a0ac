package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Spec 53's game values: the regularised Nash policy and the exact OMD distances at 50 and 100 iterations. */
class PreferenceGameTest {
    static final PreferenceGame GAME = new PreferenceGame(new double[][] {{0.5, 0.9, 0.3}, {0.1, 0.5, 0.8}, {0.7, 0.2, 0.5}},
            new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, 0.1);

    @Test
    void regularisedNashAndOmdDistances() {
        double[] nash = GAME.regularisedNash();
        assertEquals(0.3923403705, nash[0], 1e-9);
        assertEquals(0.2249974724, nash[1], 1e-9);
        double[] pi = {0.8, 0.1, 0.1};
        assertEquals(0.40766, PreferenceGame.tv(pi, nash), 1e-5);
        for (int t = 0; t < 50; t++) {
            pi = GAME.omdStep(pi, 1.0);
        }
        assertEquals(0.005287, PreferenceGame.tv(pi, nash), 1e-6);
        for (int t = 50; t < 100; t++) {
            pi = GAME.omdStep(pi, 1.0);
        }
        assertEquals(5.7e-5, PreferenceGame.tv(pi, nash), 1e-6);
        assertEquals(0.01347, GAME.exploitability(nash), 1e-5);
    }
}
