package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.nn.Block;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.Training;
import org.junit.jupiter.api.Test;

/** Spec 10's feature initialisation: Wᵀ = the support's normalised class means; the head computes a = f̂·W. */
class FeatureInitLinearHeadTest {
    static final float[][] SUPPORT = {{1.0f, 0.2f, 0.0f, 0.1f}, {0.0f, 1.0f, 0.2f, 0.1f}, {0.2f, 0.1f, 1.0f, 0.5f}, {0.1f, 0.1f, 0.2f, 1.0f}, {0.6f, 0.6f, 0.1f, 0.0f}};

    @Test
    void spec10Initialisation() {
        float[][] means = FeatureInitLinearHead.classMeans(FeatureInitLinearHead.normalise(SUPPORT), new int[] {0, 1, 2, 3, 4}, 5);
        assertArrayEquals(new float[] {0.97590007f, 0.19518001f, 0, 0.09759001f}, means[0], 1e-6f);
        assertArrayEquals(new float[] {0.70224688f, 0.70224688f, 0.11704115f, 0}, means[4], 1e-6f);
        try (Model m = Model.newInstance("head")) {
            Block head = FeatureInitLinearHead.create(m.getNDManager(), FeatureInitLinearHead.normalise(SUPPORT), new int[] {0, 1, 2, 3, 4}, 5);
            float[][] a = new Training(head, new CrossEntropy(), ai.djl.training.optimizer.Optimizer.sgd()
                    .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0f)).build(), m.getNDManager())
                    .outputs(FeatureInitLinearHead.normalise(new float[][] {{0.9f, 0.1f, 0.2f, 0.0f}}));
            assertArrayEquals(new float[] {0.9681529f, 0.14732762f, 0.36884483f, 0.14663103f, 0.78249403f}, a[0], 1e-6f);
        }
    }

    /** Two support samples of a class average; an empty class or a zero feature row is rejected by name. */
    @Test
    void meansAndBadInput() {
        float[][] means = FeatureInitLinearHead.classMeans(new float[][] {{1, 0}, {0, 1}, {1, 0}}, new int[] {0, 0, 1}, 2);
        assertArrayEquals(new float[] {0.5f, 0.5f}, means[0], 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureInitLinearHead.classMeans(new float[][] {{1, 0}}, new int[] {0}, 2))
                .getMessage().contains("class 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeatureInitLinearHead.normalise(new float[][] {{0, 0}})).getMessage().startsWith("features"));
    }
}
