package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.optim.MomentumSgd;
import org.junit.jupiter.api.Test;

/** The ℓ∞ attack stays in the ε-ball and the data range and raises the cross-entropy; parameter gradients are left at zero. */
class LinfPgdAttackTest {
    @Test
    void staysInTheBallAndRaisesTheLoss() {
        float[][] x = {{0.2f, 0.9f, 0.5f}, {0.0f, 0.1f, 1.0f}, {0.6f, 0.4f, 0.3f}};
        int[] y = {0, 1, 2};
        try (Model m = Model.newInstance("pgd")) {
            Linear model = Linear.builder().setUnits(3).build();
            model.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 3));
            Training t = new Training(model, new CrossEntropy(), new MomentumSgd(Tracker.fixed(0f), 0, 0, false), m.getNDManager());
            TabularData clean = new TabularData(x, y, 3);
            float cleanLoss = t.step(0, clean, new int[] {0, 1, 2}, (e, ids, per, l) -> {});
            float[][] adv = new LinfPgdAttack(0.1, 10, 0.025, 0, 1).attack(model, m.getNDManager(), x, y);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    assertTrue(Math.abs(adv[i][j] - x[i][j]) <= 0.1 + 1e-6 && adv[i][j] >= 0 && adv[i][j] <= 1);
                }
            }
            float advLoss = t.step(0, new TabularData(adv, y, 3), new int[] {0, 1, 2}, (e, ids, per, l) -> {});
            assertTrue(advLoss > cleanLoss, cleanLoss + " → " + advLoss);
        }
        assertThrows(IllegalArgumentException.class, () -> new LinfPgdAttack(0, 10, 0.1, 0, 1));
    }
}
