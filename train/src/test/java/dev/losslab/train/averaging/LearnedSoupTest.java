package dev.losslab.train.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learned soup on spec 45's softmax-regression models (logits = x·W + b, W [2, 3]): identical
 * models give that model; on the validation set the learned mixing reaches a lower NLL than the
 * uniform soup (it learns to down-weight M3, the 0.25-accuracy model).
 */
class LearnedSoupTest {
    static final List<Shape> SHAPES = List.of(new Shape(2, 3), new Shape(3));
    static final LearnedSoup.FunctionalModel LINEAR = (w, x) -> x.matMul(w.get(0)).add(w.get(1));

    static float[][] xv() {
        float[][] x = new float[SoupFixture.XV.length][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = (float) SoupFixture.XV[i][0];
            x[i][1] = (float) SoupFixture.XV[i][1];
        }
        return x;
    }

    @Test
    void identicalModelsGiveTheModel() {
        StateDict m = SoupFixture.MODELS.get(1);
        StateDict soup = new LearnedSoup(5, 0.05, 4, 0).cook(List.of(m, m), SHAPES, LINEAR, xv(), SoupFixture.YV);
        assertArrayEquals(m.tensors().get("W"), soup.tensors().get("W"), 1e-6f);
    }

    @Test
    void learnsToBeatTheUniformSoup() {
        LearnedSoup learned = new LearnedSoup(200, 0.05, 8, 0);
        StateDict soup = learned.cook(SoupFixture.MODELS, SHAPES, LINEAR, xv(), SoupFixture.YV);
        double uniform = SoupFixture.nll(new UniformSoup().cook(SoupFixture.MODELS, m -> 0));
        assertTrue(SoupFixture.nll(soup) < uniform, SoupFixture.nll(soup) + " vs uniform " + uniform);
        for (double[] row : learned.mixing()) {
            assertEquals(1, row[0] + row[1] + row[2] + row[3], 1e-6);
            assertTrue(row[3] < 0.25, "M3 is down-weighted: " + java.util.Arrays.toString(row));
        }
        assertTrue(learned.temperature() > 0);
        assertThrows(IllegalArgumentException.class, () -> learned.cook(SoupFixture.MODELS, List.of(new Shape(2, 3)), LINEAR, xv(), SoupFixture.YV));
    }
}
