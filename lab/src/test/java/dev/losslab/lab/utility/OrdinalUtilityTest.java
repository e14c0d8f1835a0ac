package dev.losslab.lab.utility;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 35 worked examples 1–3. */
class OrdinalUtilityTest {

    @Test
    void orderIsKeptProbabilitiesAreNot() {
        double[] u = {2.0, 1.0, -0.5};
        assertArrayEquals(new double[] {0.68967209, 0.25371618, 0.05661173}, OrdinalUtility.softmax(u), 1e-8);
        double[] e = java.util.Arrays.stream(u).map(Math::exp).toArray();
        assertArrayEquals(new double[] {0.98961065, 0.00926772, 0.00112163}, OrdinalUtility.softmax(e), 1e-8);
        assertEquals(OrdinalUtility.argmax(u), OrdinalUtility.argmax(e));
        assertEquals(-1, OrdinalUtility.threshold(u, 0.9));
        assertEquals(0, OrdinalUtility.threshold(e, 0.9));
        int[] counts = new int[3];
        Random r = new Random(0);
        for (int i = 0; i < 20000; i++) {
            counts[OrdinalUtility.sample(u, r)]++;
        }
        assertEquals(0.68967209, counts[0] / 20000.0, 0.01);
    }

    @Test
    void expectedUpdateVanishesAtTheStationaryPoint() {
        double[] pData = {0.5, 0.3, 0.2};
        double[] u = java.util.Arrays.stream(pData).map(p -> Math.log(p) + 7).toArray();
        assertArrayEquals(new double[] {0, 0, 0}, OrdinalUtility.expectedUpdate(u, pData), 1e-15);
        assertArrayEquals(new double[] {0.16666667, -0.03333333, -0.13333333}, OrdinalUtility.expectedUpdate(new double[3], pData), 1e-8);
    }
}
