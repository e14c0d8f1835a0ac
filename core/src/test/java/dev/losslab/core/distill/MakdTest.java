package dev.losslab.core.distill;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 11's worked example: the yes/no targets, the loss and its gradients; the minimum at a = logit(t); bad input. */
class MakdTest {
    static final double[][] Z = {{2.0, 0.5, -1.0, 0.3}, {0.1, 1.8, 0.2, -0.5}};
    static final double[][] A = {{1.2, -0.4, 0.0}, {-1.0, 0.8, 2.0}};
    static final double[][] T = Makd.targetsFromYesNo(new double[][] {{3.1, 0.2, 1.0}, {-0.5, 2.2, 4.0}}, new double[][] {{1.0, 0.9, 1.0}, {1.5, 0.7, 0.5}});

    static double[][] eval(Makd loss, double[][] a, double[][] t) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.create(Z);
            NDArray aspects = m.create(a);
            z.setRequiresGradient(true);
            aspects.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(Map.of(InputNames.STUDENT_LOGITS, z, InputNames.LABELS, m.create(new long[] {0, 1}),
                        InputNames.ASPECT_LOGITS, aspects, InputNames.ASPECT_TARGETS, m.create(t)))).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, z.getGradient().toDoubleArray(), aspects.getGradient().toDoubleArray()};
            }
        }
    }

    @Test
    void spec11() {
        assertArrayEquals(new double[] {0.89090318, 0.33181223, 0.5}, T[0], 1e-8);
        assertArrayEquals(new double[] {0.11920292, 0.81757448, 0.97068777}, T[1], 1e-8);
        double[][] r = eval(new Makd(1, 4), A, T);
        assertClose(2.29745858, r[0][0], 1e-8);
        assertArrayEquals(new double[] {-0.15649922, 0.07664538, 0.0171019, 0.06275193, 0.06151628, -0.16326313, 0.067986, 0.03376085}, r[1], 1e-8);
        assertArrayEquals(new double[] {-0.0815856, 0.04633341, 0.0, 0.09982567, -0.08506666, -0.05992713}, r[2], 1e-8);
        assertClose(0.385362488, eval(new Makd(1, 0), A, T)[0][0], 1e-8);
        assertClose(0.478024024, eval(new Makd(0, 1), A, T)[0][0], 1e-8);
    }

    @Test
    void theAspectTermIsSmallestAtTheTargetsLogits() {
        double[][] logit = new double[2][3];
        for (int i = 0; i < 2; i++) {
            for (int q = 0; q < 3; q++) {
                logit[i][q] = Math.log(T[i][q] / (1 - T[i][q]));
            }
        }
        double[][] r = eval(new Makd(0, 1), logit, T);
        assertClose(0.440992214, r[0][0], 1e-8);
        for (double g : r[2]) {
            assertEquals(0, g, 1e-12);
        }
    }

    @Test
    void finiteDifferences() {
        Makd loss = new Makd(1, 4);
        double[][] at = eval(loss, A, T);
        for (int i = 0; i < 6; i++) {
            double[][] up = {A[0].clone(), A[1].clone()};
            double[][] down = {A[0].clone(), A[1].clone()};
            up[i / 3][i % 3] += 1e-6;
            down[i / 3][i % 3] -= 1e-6;
            assertEquals((eval(loss, up, T)[0][0] - eval(loss, down, T)[0][0]) / 2e-6, at[2][i], 1e-8, "aspect entry " + i);
        }
    }

    @Test
    void badInput() {
        assertEquals(InputNames.ASPECT_TARGETS, assertThrows(InvalidArgumentException.class,
                () -> eval(new Makd(1, 4), A, new double[][] {{0.5, 1.5, 0}, {0, 0, 0}})).argument());
        assertEquals(InputNames.ASPECT_TARGETS, assertThrows(InvalidArgumentException.class, () -> eval(new Makd(1, 4), A, new double[][] {{0.5}})).argument());
        assertEquals("alpha", assertThrows(InvalidArgumentException.class, () -> new Makd(1, -1)).argument());
    }
}
