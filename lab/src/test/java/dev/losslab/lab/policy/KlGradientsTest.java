package dev.losslab.lab.policy;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.losslab.core.preference.Dpo;
import dev.losslab.lab.preference.PairLossGradient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 47's worked examples: the KL logit gradients and steps, and the DPO pair check. */
class KlGradientsTest {
    static final double[] PI0 = {0.5, 0.3, 0.15, 0.05};
    static final double[] P = {1e-4, 0.2, 0.3, 0.4999};

    @Test
    void forwardAndReverseGradientsAndSteps() {
        assertArrayEquals(new double[] {0.4999, 0.1, -0.15, -0.4499}, KlGradients.forward(PI0, P), 1e-15);
        assertEquals(4.161144797, KlGradients.reverseKl(PI0, P), 1e-9);
        assertArrayEquals(new double[] {2.1780242, -1.12670391, -0.7281438, -0.32317649}, KlGradients.reverse(PI0, P), 1e-7);
        assertArrayEquals(new double[] {0.43312941, 0.31739941, 0.17983032, 0.06964086}, KlGradients.step(PI0, KlGradients.forward(PI0, P), 0.5), 1e-8);
        assertArrayEquals(new double[] {0.17349933, 0.54332745, 0.22257963, 0.06059358}, KlGradients.step(PI0, KlGradients.reverse(PI0, P), 0.5), 1e-8);
    }

    @Test
    void reverseGradientSumsToZeroAndVanishesAtTheTarget() {
        double[] g = KlGradients.reverse(PI0, P);
        assertEquals(0, g[0] + g[1] + g[2] + g[3], 1e-15);
        assertArrayEquals(new double[4], KlGradients.reverse(P, P), 1e-15);
    }

    @Test
    void dpoPairCheck() {
        // log-ratio margin 2, β = 0.05: −log σ(0.1)
        PairLossGradient g = PairLossGradient.of(new Dpo(0.05), Map.of(POLICY_CHOSEN_LOGPS, new double[] {-1}, POLICY_REJECTED_LOGPS, new double[] {-3},
                REF_CHOSEN_LOGPS, new double[] {-2}, REF_REJECTED_LOGPS, new double[] {-2}));
        assertEquals(0.6443966601, g.value(), 1e-10);
    }
}
