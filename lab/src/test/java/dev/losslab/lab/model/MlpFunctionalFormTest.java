package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.Training;
import dev.losslab.train.averaging.LearnedSoup;
import dev.losslab.train.averaging.StateDict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LearnedSoup.mlp computes the same logits as the Mlp block from its state dict (the learned soup's functional model). */
class MlpFunctionalFormTest {
    @Test
    void functionalFormMatchesTheBlock() {
        float[][] x = {{0.1f, -0.4f, 0.7f}, {1.2f, 0.3f, -0.5f}};
        try (Model m = Model.newInstance("mlp"); NDManager scratch = NDManager.newBaseManager()) {
            Block block = Mlp.create(m.getNDManager(), 3, new int[] {5}, 4, Mlp.Init.HE_NORMAL, 3, Activation::relu, true);
            float[][] expected = new Training(block, new CrossEntropy(), ai.djl.training.optimizer.Optimizer.sgd()
                    .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0f)).build(), m.getNDManager()).outputs(x);
            StateDict state = StateDict.of(block);
            List<NDArray> weights = new ArrayList<>();
            List<ai.djl.ndarray.types.Shape> shapes = LearnedSoup.shapesOf(block);
            int l = 0;
            for (float[] v : state.tensors().values()) {
                weights.add(scratch.create(v, shapes.get(l++)));
            }
            float[] got = LearnedSoup.mlp(Activation::relu).logits(weights, scratch.create(x)).toFloatArray();
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(expected[i], java.util.Arrays.copyOfRange(got, i * 4, i * 4 + 4), 1e-5f);
            }
        }
    }
}
