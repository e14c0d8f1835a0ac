package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.training.optimizer.Optimizer;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.optim.OptimizerFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matches a float64 transcription of torch.optim.SGD(nesterov=True), momentum 0.9, weight decay 0.05, built by name over six updates with a learning-rate drop, to 1e-9. */
class NesterovTest {
    @Test
    void nesterovMatchesTorchSgd() {
        double mu = 0.9;
        double wd = 0.05;
        double[] w = OptimizerSteps.W0.clone();
        double[] b = new double[3];
        double[][] expected = new double[OptimizerSteps.GRADS.length][];
        for (int t = 1; t <= OptimizerSteps.GRADS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = OptimizerSteps.GRADS[t - 1][i] + wd * w[i];
                b[i] = mu * b[i] + g;
                w[i] -= OptimizerSteps.lr(t) * (g + mu * b[i]);
            }
            expected[t - 1] = w.clone();
        }
        Optimizer nesterov = OptimizerFactory.of("nesterov", Map.of("momentum", mu, "weight_decay", wd)).create(OptimizerSteps.SCHEDULE);
        assertEquals(MomentumSgd.class, nesterov.getClass());
        OptimizerSteps.assertMatches(expected, OptimizerSteps.run(nesterov));
    }
}
