package dev.losslab.train.reweight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.losslab.train.InputSource;
import dev.losslab.train.Step;
import dev.losslab.train.reweight.LossReweighting.Strategy;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Spec 27's weight table, its properties, the registered reweighters' B·w weights and burn-out. */
class LossReweightingTest {
    static final double[] L = {0.5, 1.0, 2.0, 3.0, 4.5};

    static double weighted(double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * L[i];
        }
        return s;
    }

    @Test
    void spec27Table() {
        Object[][] rows = {
            {Strategy.LIN_UPPER, 1.0, new double[] {0.101650922, 0.130522367, 0.215195003, 0.276315854, 0.276315854}, 2.684106738},
            {Strategy.LIN_UPPER, 0.5, new double[] {0.045644338, 0.075254790, 0.204563729, 0.337268571, 0.337268571}, 3.036718703},
            {Strategy.QUADRATIC, 1.0, new double[] {0.115526679, 0.178931221, 0.295007710, 0.295007710, 0.115526679}, 2.231603168},
            {Strategy.QUADRATIC, 0.5, new double[] {0.057337761, 0.137546139, 0.373889169, 0.373889169, 0.057337761}, 2.293680792},
            {Strategy.EXTREMES, 1.0, new double[] {0.268562078, 0.209156357, 0.126859743, 0.126859743, 0.268562078}, 2.186265465},
            {Strategy.EXTREMES, 0.5, new double[] {0.327569102, 0.198680704, 0.073090546, 0.073090546, 0.327569102}, 2.201978945},
            {Strategy.LINEAR, 1.0, new double[] {0.122329132, 0.138617067, 0.177987837, 0.228540907, 0.332525057}, 2.737742784},
            {Strategy.UNIFORM, 3.0, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 2.2},
        };
        for (Object[] row : rows) {
            double[] w = LossReweighting.weights(L, (Strategy) row[0], 1, (double) row[1]);
            assertArrayEquals((double[]) row[2], w, 1e-9, row[0] + " r=" + row[1]);
            assertEquals((double) row[3], weighted(w), 1e-9, row[0] + " r=" + row[1]);
        }
    }

    /** Weights sum to 1; their ratio is exp((f_i − f_j)/r); permuting the batch permutes them; LinUpper is monotone and flat above the midpoint. */
    @Property(tries = 50)
    void properties(@ForAll @Size(min = 2, max = 12) java.util.List<@DoubleRange(min = 0, max = 10) Double> losses,
            @ForAll @DoubleRange(min = 0.1, max = 5) double r) {
        double[] l = losses.stream().mapToDouble(Double::doubleValue).toArray();
        for (Strategy s : Strategy.values()) {
            double[] w = LossReweighting.weights(l, s, 1, r);
            assertEquals(1, java.util.Arrays.stream(w).sum(), 1e-12);
            double[] reversed = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                reversed[i] = l[l.length - 1 - i];
            }
            double[] wr = LossReweighting.weights(reversed, s, 1, r);
            for (int i = 0; i < l.length; i++) {
                assertEquals(w[i], wr[l.length - 1 - i], 1e-12);
            }
        }
        double[] lin = LossReweighting.weights(l, Strategy.LIN_UPPER, 1, r);
        double lo = java.util.Arrays.stream(l).min().orElseThrow();
        double hi = java.util.Arrays.stream(l).max().orElseThrow();
        for (int i = 0; i < l.length; i++) {
            for (int j = 0; j < l.length; j++) {
                if (l[i] <= l[j]) {
                    assertTrue(lin[i] <= lin[j] + 1e-15);
                }
                if (l[i] >= (lo + hi) / 2 && l[j] >= (lo + hi) / 2) {
                    assertEquals(lin[i], lin[j], 1e-12);
                }
            }
        }
    }

    @Test
    void edgeCases() {
        assertArrayEquals(new double[] {1}, LossReweighting.weights(new double[] {3}, Strategy.LIN_UPPER, 1, 1), 0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, LossReweighting.weights(new double[] {2, 2, 2, 2}, Strategy.EXTREMES, 1, 0.1), 1e-15);
        double[] cold = LossReweighting.weights(L, Strategy.LINEAR, 1, 1e-3);
        assertEquals(1, cold[4], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LossReweighting.weights(new double[0], Strategy.LINEAR, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LossReweighting.weights(new double[] {1, Double.NaN}, Strategy.LINEAR, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ReweighterFactory.of("lin-upper", Map.of("r", 0.0)).create());
    }

    /** The registered reweighter returns B·w (summing to the batch size), uniform during burn-out. */
    @Test
    void registeredReweighterGivesBatchSizedWeightsAfterBurnout() {
        InputSource.Reweighter rw = ReweighterFactory.of("lin-upper", Map.of("burnout_steps", 1)).create();
        try (NDManager m = NDManager.newBaseManager()) {
            Step step = new Step(0, new int[5], null, null, Map.of(), m, null, null, m, null);
            NDArray per = m.create(L);
            assertArrayEquals(new double[] {1, 1, 1, 1, 1}, rw.weights(per, step).toDoubleArray(), 1e-12);
            double[] w = rw.weights(per, step).toDoubleArray();
            assertEquals(5, java.util.Arrays.stream(w).sum(), 1e-9);
            assertEquals(5 * 0.101650922, w[0], 1e-8);
        }
    }
}
