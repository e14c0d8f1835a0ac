package dev.losslab.train.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.losslab.train.InputSource;
import dev.losslab.train.Step;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Spec 58's weight table and objective values, the moving-average normaliser, the bounds mean ≤ Φ ≤ max, warm-up. */
class KlDroWeightsTest {
    static final double[] L = {0.2, 0.5, 1.0, 2.0};

    @Test
    void spec58Table() {
        Object[][] rows = {{1.0, new double[] {0.094117230, 0.127044970, 0.209461750, 0.569376060}, 1.430559787, 1.176919796},
            {0.5, new double[] {0.022536030, 0.041063330, 0.111621690, 0.824778950}, 1.786218462, 1.403172753},
            {5.0, new double[] {0.214193450, 0.227438430, 0.251358340, 0.307009770}, 1.021935796, 0.972906684}};
        for (Object[] row : rows) {
            double r = (double) row[0];
            double[] w = KlDroWeights.weights(L, r);
            assertArrayEquals((double[]) row[1], w, 1e-8);
            double weighted = 0;
            for (int i = 0; i < 4; i++) {
                weighted += w[i] * L[i];
            }
            assertEquals((double) row[2], weighted, 1e-8);
            assertEquals((double) row[3], KlDroWeights.value(L, r), 1e-9);
        }
    }

    /** r = 1, β = 0.1 after a batch that set u = 2.5: u = 2.574436549 and the spec's multipliers (×B for a mean reduction). */
    @Test
    void movingAverage() {
        KlDroWeights kl = new KlDroWeights(1, 0.1, 0);
        kl.multipliers(new double[] {Math.log(2.5), Math.log(2.5)});
        assertEquals(Math.log(2.5), kl.logNormaliser(), 1e-15);
        double[] m = kl.multipliers(L);
        assertEquals(2.574436549, Math.exp(kl.logNormaliser()), 1e-9);
        double[] spec = {0.11860875, 0.16010506, 0.26396862, 0.71754110};
        for (int i = 0; i < 4; i++) {
            assertEquals(4 * spec[i], m[i], 4e-8);
        }
    }

    /** mean ℓ ≤ Φ ≤ max ℓ; Φ non-increasing in r; weights increase with the loss and sum to 1. */
    @Property(tries = 40)
    void bounds(@ForAll @Size(min = 1, max = 10) java.util.List<@DoubleRange(min = 0, max = 20) Double> losses, @ForAll @DoubleRange(min = 0.05, max = 50) double r) {
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        double mean = java.util.Arrays.stream(l).average().orElseThrow();
        double max = java.util.Arrays.stream(l).max().orElseThrow();
        double phi = KlDroWeights.value(l, r);
        assertTrue(mean <= phi + 1e-9 && phi <= max + 1e-9);
        assertTrue(KlDroWeights.value(l, 2 * r) <= phi + 1e-9);
        double[] w = KlDroWeights.weights(l, r);
        assertEquals(1, java.util.Arrays.stream(w).sum(), 1e-12);
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < l.length; j++) {
                if (l[i] < l[j]) {
                    assertTrue(w[i] <= w[j]);
                }
            }
        }
    }

    /** Registered as kl-dro: uniform weights during warm-up, then exp(ℓ/r)/u summing to B (β = 1). */
    @Test
    void registeredWithWarmup() {
        InputSource.Reweighter rw = ReweighterFactory.of("kl-dro", Map.of("r", 1.0, "warmup_steps", 1)).create();
        try (NDManager m = NDManager.newBaseManager()) {
            Step step = new Step(0, new int[4], null, null, Map.of(), m, null, null, m, null);
            assertArrayEquals(new double[] {1, 1, 1, 1}, rw.weights(m.create(L), step).toDoubleArray(), 0);
            double[] w = rw.weights(m.create(L), step).toDoubleArray();
            assertEquals(4, java.util.Arrays.stream(w).sum(), 1e-12);
            assertEquals(4 * 0.569376060, w[3], 4e-8);
            assertThrows(IllegalArgumentException.class, () -> rw.weights(m.create(new double[] {1, Double.NaN}), step));
        }
        assertThrows(IllegalArgumentException.class, () -> new KlDroWeights(0, 1, 0));
    }
}
