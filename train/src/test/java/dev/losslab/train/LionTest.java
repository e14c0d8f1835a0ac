package dev.losslab.train;

import dev.losslab.train.optim.Lion;
import org.junit.jupiter.api.Test;

/** Matches a float64 transcription of lion-pytorch 0.2 (the rule of optax.lion) with decoupled weight decay 0.1 over six updates with a learning-rate drop, to 1e-9. */
class LionTest {
    @Test
    void lionMatchesLionPytorch() {
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 0.1;
        double[] w = OptimizerSteps.W0.clone();
        double[] m = new double[3];
        double[][] expected = new double[OptimizerSteps.GRADS.length][];
        for (int t = 1; t <= OptimizerSteps.GRADS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = OptimizerSteps.GRADS[t - 1][i];
                w[i] *= 1 - OptimizerSteps.lr(t) * wd;
                w[i] -= OptimizerSteps.lr(t) * Math.signum(b1 * m[i] + (1 - b1) * g);
                m[i] = b2 * m[i] + (1 - b2) * g;
            }
            expected[t - 1] = w.clone();
        }
        OptimizerSteps.assertMatches(expected, OptimizerSteps.run(new Lion(OptimizerSteps.SCHEDULE, b1, b2, wd)));
    }
}
