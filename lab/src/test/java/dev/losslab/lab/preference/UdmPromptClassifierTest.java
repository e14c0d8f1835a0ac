package dev.losslab.lab.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InvalidArgumentException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The balanced logistic classifier: its optimality conditions, its density ratios on shifted prompt distributions, bad input. */
class UdmPromptClassifierTest {

    @Test
    void stationarityOfTheBalancedObjective() {
        Random r = new Random(3);
        double[][] pos = gaussian(r, 40, 1.0);
        double[][] neg = gaussian(r, 10, -1.0);
        UdmPromptClassifier c = UdmPromptClassifier.fit(pos, neg);
        // ∇ = w − Σ s_i y_i σ(−y_i z_i) x_i = 0 and Σ s_i y_i σ(−y_i z_i) = 0 (intercept), s = n/(2 n_class)
        double[] w = c.weights();
        double[] g = w.clone();
        double gb = 0;
        for (int i = 0; i < 50; i++) {
            boolean p = i < 40;
            double[] x = p ? pos[i] : neg[i - 40];
            double y = p ? 1 : -1;
            double s = 50.0 / (2 * (p ? 40 : 10));
            double prob = c.probability(x);
            double coef = -s * y * (p ? 1 - prob : prob);
            for (int j = 0; j < 2; j++) {
                g[j] += coef * x[j];
            }
            gb += coef;
        }
        assertEquals(0, gb, 1e-9);
        assertEquals(0, g[0], 1e-9);
        assertEquals(0, g[1], 1e-9);
    }

    @Test
    void undesirablePromptsLikeTheDesirableOnesWeighMore() {
        Random r = new Random(5);
        UdmPromptClassifier c = UdmPromptClassifier.fit(gaussian(r, 200, 1.0), gaussian(r, 200, -1.0));
        double[] w = c.densityRatios(new double[][] {{1.5, 1.5}, {0, 0}, {-2, -2}});
        assertTrue(w[0] > 2 && w[0] <= 10, "prompt in the desirable region: " + w[0]);
        assertEquals(1, w[1], 0.3);
        assertEquals(0.5, w[2], 0);
        assertEquals("prompts", assertThrows(InvalidArgumentException.class, () -> UdmPromptClassifier.fit(new double[0][], new double[][] {{1}})).argument());
    }

    static double[][] gaussian(Random r, int n, double mean) {
        double[][] x = new double[n][2];
        for (double[] row : x) {
            row[0] = mean + r.nextGaussian();
            row[1] = mean + r.nextGaussian();
        }
        return x;
    }
}
