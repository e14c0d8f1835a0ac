package dev.losslab.core.classification.margin;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Reduction;
import org.junit.jupiter.api.Test;

/** Spec 31 worked examples: the official L2-SVM objective through a linear head o = hW + b. */
class L2SvmTest {

    @Test
    void officialObjectiveAndGradientsGolden() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray h = m.create(new double[][] {{1, 0.5, -1}, {0.2, -0.3, 0.8}, {0, 1, 0.5}});
            NDArray w = m.create(new double[][] {{0.5, -0.3}, {0.1, 0.2}, {-0.4, 0.6}});
            NDArray b = m.create(new double[] {0.1, 0.1});
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            L2Svm svm = new L2Svm(0.5);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray o = h.matMul(w).add(b);
                assertClose(new double[] {1.05, -0.7, -0.15, 0.46, 0, 0.6}, o.toDoubleArray(), 1e-12);
                Inputs in = Inputs.of("logits", o, "labels", m.create(new int[] {0, 1, 1})).with(InputNames.OUTPUT_WEIGHTS, w);
                NDArray loss = svm.compute(in, Reduction.SUM);
                assertClose(1.58705, loss.getDouble(), 1e-12);
                gc.backward(loss);
                assertArrayEquals(new long[] {0, 1, 1}, L2Svm.predict(o, false));
                assertArrayEquals(new long[] {0, 1, 1}, L2Svm.predict(o, true));
            }
            assertClose(new double[] {0.67, -0.108, 0.845, 0.112, 0.78, -0.332}, w.getGradient().toDoubleArray(), 1e-12);
            assertClose(new double[] {1.85, -0.64}, b.getGradient().toDoubleArray(), 1e-12);
            NDArray tie = m.create(new double[][] {{-0.9, -0.2}});
            assertEquals(1, L2Svm.predict(tie, false)[0]);
            assertEquals(0, L2Svm.predict(tie, true)[0]);
        }
    }

    @Test
    void dataTermGradientFiniteDifferencesAndSatisfiedMargins() {
        double[][] o = {{1.05, -0.7}, {-0.15, 0.46}, {0, 0.6}};
        int[] y = {0, 1, 1};
        Fixtures.assertGradientMatchesFiniteDifference(new L2Svm(0.5), o, y, 1e-7);
        Fixtures.assertFiniteAtExtremes(new L2Svm(0.5));
        Evaluation e = Evaluation.of(new L2Svm(0.5), new double[][] {{2, -1.5}, {-1, 1}}, new int[] {0, 1});
        assertEquals(0, e.mean());
        assertClose(new double[] {0, 0}, e.grad()[0], 0);
        assertClose(new double[] {0, 0}, e.grad()[1], 0);
    }
}
