package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.classification.robust.DroTemperatureCrossEntropy;
import dev.losslab.train.InputSource;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import org.junit.jupiter.api.Test;

/** Spec 54's TempNet forward (V = 4, M = 3): τ = 2.75593301; outputs stay in [τ_min, τ_max]; it trains on the DRO loss. */
class TempNetTest {
    @Test
    void spec54Forward() {
        try (Model m = Model.newInstance("tempnet")) {
            TempNet net = TempNet.create(m.getNDManager(), 4, 3, 0.5, 5.0, 0.5, 1);
            net.setWeights(new float[][] {{0.5f, -0.5f, 0.2f, 0}, {0.1f, 0.3f, -0.2f, 0.4f}, {-0.3f, 0.2f, 0.1f, 0.5f}}, new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
            float[][] tau = new Training(net, new DroTemperatureCrossEntropy(1), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(), m.getNDManager())
                    .outputs(new float[][] {{3, 1, 0, -2}, {1e4f, -1e4f, 0, 0}});
            assertEquals(2.75593301, tau[0][0], 1e-6);
            assertTrue(tau[1][0] >= 0.5 && tau[1][0] <= 5);
        }
        assertThrows(IllegalArgumentException.class, () -> TempNet.create(null, 4, 3, 5, 1, 0.5, 1));
    }

    /** Training on the DRO loss with the logits fed as a constant moves the predicted temperatures toward lower loss. */
    @Test
    void trainsOnTheDroLoss() {
        float[][] logits = {{4, 0, 0}, {0.5f, 0.4f, 0.3f}, {0, 5, -1}, {0.2f, 0.1f, 0.3f}};
        int[] y = {0, 0, 1, 2};
        try (Model m = Model.newInstance("tempnet")) {
            TempNet net = TempNet.create(m.getNDManager(), 3, 8, 0.05, 20, 0.5, 2);
            Training t = new Training(net, new DroTemperatureCrossEntropy(1), Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.05f)).build(), m.getNDManager());
            t.feed(InputNames.LOGITS, InputSource.rows(logits));
            TabularData d = new TabularData(logits, y, 3);
            float first = t.step(0, d, new int[] {0, 1, 2, 3}, (e, ids, per, l) -> {});
            float last = first;
            for (int s = 0; s < 200; s++) {
                last = t.step(0, d, new int[] {0, 1, 2, 3}, (e, ids, per, l) -> {});
            }
            assertTrue(last < first - 0.01, first + " → " + last);
        }
    }
}
