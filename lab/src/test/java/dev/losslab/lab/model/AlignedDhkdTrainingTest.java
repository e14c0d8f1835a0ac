package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.core.distill.Dhkd;
import dev.losslab.core.distill.Kd;
import dev.losslab.train.GradientAlignment;
import dev.losslab.train.InputSource;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DHKD's gradient alignment through the training loop: the update's gradient equals g_CE +
 * project(g_BKLN, g_CE) computed from the parts trained alone, the projection fires on a batch whose
 * teacher contradicts the labels, and a second step sees the same gradients (nothing accumulates).
 */
class AlignedDhkdTrainingTest {
    static final float[][] X = new float[8][5];
    static final int[] Y = {0, 1, 2, 0, 1, 2, 0, 1};
    static final float[][] TEACHER = new float[8][3];

    static {
        Random r = new Random(9);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 5; j++) {
                X[i][j] = (float) r.nextGaussian();
            }
            TEACHER[i][(Y[i] + 1) % 3] = 6; // the teacher contradicts the labels
        }
    }

    /** The gradients the update sees at each of {@code steps} steps (lr 0: parameters never move), flattened. */
    static List<double[]> gradients(Objective objective, Objective[] parts, int steps) {
        List<double[]> seen = new ArrayList<>();
        try (Model m = Model.newInstance("dhkd")) {
            Training t = new Training(TwoHeadMlp.create(m.getNDManager(), 5, 6, 3, 4), objective, Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(),
                    m.getNDManager());
            t.feed(InputNames.TEACHER_LOGITS, InputSource.rows(TEACHER));
            if (parts != null) {
                t.alignGradients(parts[0], parts[1]);
            }
            t.onGradients((epoch, params) -> {
                List<Double> flat = new ArrayList<>();
                for (Pair<String, Parameter> p : params) {
                    NDArray g = p.getValue().getArray().getGradient();
                    for (double v : g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()) {
                        flat.add(v);
                    }
                }
                seen.add(flat.stream().mapToDouble(Double::doubleValue).toArray());
            });
            TabularData d = new TabularData(X, Y, 3);
            for (int s = 0; s < steps; s++) {
                t.step(0, d, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, (e, ids, per, l) -> {});
            }
        }
        return seen;
    }

    @Test
    void alignedUpdateIsPrimaryPlusProjectedSecondary() {
        Dhkd ce = new Dhkd(1, 0, 2);
        Dhkd bkln = new Dhkd(0, 4, 2);
        double[] gp = gradients(ce, null, 1).get(0);
        double[] gs = gradients(bkln, null, 1).get(0);
        double dot = 0;
        for (int i = 0; i < gp.length; i++) {
            dot += gp[i] * gs[i];
        }
        assertTrue(dot < 0, "the contradicting teacher gives conflicting gradients: " + dot);
        double[] expected = gs.clone();
        GradientAlignment.project(expected, gp);
        List<double[]> aligned = gradients(new Dhkd(1, 4, 2), new Objective[] {ce, bkln}, 2);
        for (double[] step : aligned) {
            for (int i = 0; i < gp.length; i++) {
                assertEquals(gp[i] + expected[i], step[i], 1e-6, "entry " + i);
            }
        }
        double[] plain = gradients(new Dhkd(1, 4, 2), null, 1).get(0);
        double change = 0;
        for (int i = 0; i < gp.length; i++) {
            change += Math.abs(plain[i] - aligned.get(0)[i]);
        }
        assertTrue(change > 1e-3, "alignment changed the update");
    }

    @Test
    void partsMustReadTheObjectivesInputs() {
        try (Model m = Model.newInstance("dhkd")) {
            Training t = new Training(TwoHeadMlp.create(m.getNDManager(), 5, 6, 3, 4), new Kd(2), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(),
                    m.getNDManager());
            assertThrows(IllegalArgumentException.class, () -> t.alignGradients(new Dhkd(1, 0, 2), new Dhkd(0, 1, 2)));
        }
    }
}
