package dev.losslab.train;

import dev.losslab.train.optim.Adagrad;
import org.junit.jupiter.api.Test;

/** Matches a float64 transcription of torch.optim.Adagrad (PyTorch 2.7) with lr_decay 0.2, initial accumulator 0.1, weight decay 0.05 over six updates with a learning-rate drop, to 1e-9. */
class AdagradTest {
    @Test
    void adagradMatchesTorch() {
        double lrDecay = 0.2;
        double init = 0.1;
        double eps = 1e-10;
        double wd = 0.05;
        double[] w = OptimizerSteps.W0.clone();
        double[] s = {init, init, init};
        double[][] expected = new double[OptimizerSteps.GRADS.length][];
        for (int t = 1; t <= OptimizerSteps.GRADS.length; t++) {
            double clr = OptimizerSteps.lr(t) / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < 3; i++) {
                double g = OptimizerSteps.GRADS[t - 1][i] + wd * w[i];
                s[i] += g * g;
                w[i] -= clr * g / (Math.sqrt(s[i]) + eps);
            }
            expected[t - 1] = w.clone();
        }
        OptimizerSteps.assertMatches(expected, OptimizerSteps.run(new Adagrad(OptimizerSteps.SCHEDULE, lrDecay, init, eps, wd)));
    }
}
