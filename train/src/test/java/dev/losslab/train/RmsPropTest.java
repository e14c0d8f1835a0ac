package dev.losslab.train;

import dev.losslab.train.optim.RmsProp;
import org.junit.jupiter.api.Test;

/** Matches a float64 transcription of torch.optim.RMSprop (PyTorch 2.7, single-tensor path), plain and centred, with and without momentum, weight decay 0.05 over six updates with a learning-rate drop, to 1e-9. */
class RmsPropTest {
    @Test
    void rmspropMatchesTorch() {
        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0, 0.9}) {
                double alpha = 0.9;
                double eps = 1e-3;
                double wd = 0.05;
                double[] w = OptimizerSteps.W0.clone();
                double[] v = new double[3];
                double[] mean = new double[3];
                double[] buf = new double[3];
                double[][] expected = new double[OptimizerSteps.GRADS.length][];
                for (int t = 1; t <= OptimizerSteps.GRADS.length; t++) {
                    for (int i = 0; i < 3; i++) {
                        double g = OptimizerSteps.GRADS[t - 1][i] + wd * w[i];
                        v[i] = alpha * v[i] + (1 - alpha) * g * g;
                        double d;
                        if (centered) {
                            mean[i] = alpha * mean[i] + (1 - alpha) * g;
                            d = Math.sqrt(v[i] - mean[i] * mean[i]) + eps;
                        } else {
                            d = Math.sqrt(v[i]) + eps;
                        }
                        if (momentum > 0) {
                            buf[i] = momentum * buf[i] + g / d;
                            w[i] -= OptimizerSteps.lr(t) * buf[i];
                        } else {
                            w[i] -= OptimizerSteps.lr(t) * g / d;
                        }
                    }
                    expected[t - 1] = w.clone();
                }
                OptimizerSteps.assertMatches(expected, OptimizerSteps.run(new RmsProp(OptimizerSteps.SCHEDULE, alpha, eps, momentum, centered, wd)));
            }
        }
    }
}
