package dev.losslab.core.distill;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 01's worked examples for binary-kl, binary-kl-norm and dhkd, the shift test, the small-d limit, the clamp. */
class BinaryKlLossesTest {
    static final double[][] Z = DistillationLossesTest.ZS;
    static final double[][] ZT = DistillationLossesTest.ZT;
    static final double[][] Z2 = {{2.5, 0.7, 0.0, -0.8}, {0.3, 2.8, 0.1, -0.5}, {0.2, 0.1, 1.2, 2.2}};

    /** mean, d/d student, d/d aux (flattened). */
    static double[][] eval(Objective loss, double[][] z, double[][] zt, double[][] aux) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(z);
            NDArray a = m.create(aux);
            s.setRequiresGradient(true);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(Map.of(InputNames.STUDENT_LOGITS, s, InputNames.TEACHER_LOGITS, m.create(zt),
                        InputNames.LABELS, m.create(DistillationLossesTest.Y), InputNames.AUX_LOGITS, a))).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, s.getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray(),
                        a.getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()};
            }
        }
    }

    @Test
    void spec01Values() {
        assertClose(0.208549522, eval(new BinaryKl(1), Z, ZT, Z2)[0][0], 1e-8);
        assertClose(0.263733371, eval(new BinaryKlNorm(1), Z, ZT, Z2)[0][0], 1e-8);
        double[][] bkl = eval(new BinaryKl(2), Z, ZT, Z2);
        double[][] bkln = eval(new BinaryKlNorm(2), Z, ZT, Z2);
        assertClose(0.247057680, bkl[0][0], 1e-8);
        assertClose(0.270504404, bkln[0][0], 1e-8);
        DistillationLossesTest.assertGradient(new double[][] {{-0.08163955, 0.041451, -0.0083316, -0.041451}, {0.03322266, -0.041451, -0.07375949, 0.08163955},
                {0.0971042, -0.06579177, -0.05774505, -0.041451}}, bkln[1], 1e-8);
        DistillationLossesTest.assertGradient(new double[][] {{-0.05767727, 0.04018855, -0.00832119, -0.04018855}, {0.0331194, -0.02684974, -0.07467367, 0.08163955},
                {0.0971042, -0.06640423, -0.05366069, -0.03082752}}, bkl[1], 1e-8);
    }

    @Test
    void shiftSmallDifferencesAndTheClamp() {
        double[][] zs = new double[3][];
        double[][] zt = new double[3][];
        for (int i = 0; i < 3; i++) {
            zs[i] = Z[i].clone();
            zt[i] = ZT[i].clone();
            for (int c = 0; c < 4; c++) {
                zs[i][c] += 5;
                zt[i][c] += 5;
            }
        }
        assertClose(0.270504404, eval(new BinaryKlNorm(2), zs, zt, Z2)[0][0], 1e-8);
        assertClose(0.0619563513, eval(new BinaryKl(2), zs, zt, Z2)[0][0], 1e-8);
        double[][] near = {Z[0].clone(), Z[1].clone(), Z[2].clone()};
        double sumSq = 0;
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 4; c++) {
                double d = 1e-3 * (c + 1) * (i % 2 == 0 ? 1 : -1);
                near[i][c] = Z[i][c] + d;
                sumSq += d * d;
            }
        }
        assertClose(sumSq / 8 / 3, eval(new BinaryKlNorm(2), near, Z, Z2)[0][0], 1e-6);
        double[][] same = eval(new BinaryKlNorm(3), Z, Z, Z2);
        assertEquals(0, same[0][0], 1e-15);
        // beyond the code's clamp (|d/τ| > 18.42) the value saturates and the gradient is 0
        double[][] far = eval(new BinaryKlNorm(1), new double[][] {{60, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, -1e4}}, new double[3][4], Z2);
        assertTrue(Double.isFinite(far[0][0]));
        assertEquals(0, far[1][0], 0);
        assertEquals(0, far[1][11], 0);
    }

    @Test
    void dhkdSplitsTheHeads() {
        double[][] r = eval(new Dhkd(1, 1, 2), Z, ZT, Z2);
        assertClose(0.484662981, r[0][0], 1e-8);
        DistillationLossesTest.assertGradient(new double[][] {{-0.041451, 0.01665279, -0.01665279, -0.02495323}, {0.01665279, -0.01665279, -0.02495323, 0.041451},
                {0.01665279, -0.03322266, -0.02495323, -0.02495323}}, r[2], 1e-8);
        double[] ce = DistillationLossesTest.eval(new dev.losslab.core.distill.DistillationObjective(new Kd(1), 1, 0, 0), Z, ZT)[1];
        for (int i = 0; i < 12; i++) {
            assertEquals(ce[i], r[1][i], 1e-12, "main head gets the plain CE gradient");
        }
        double[][] noTeacher = eval(new Dhkd(1, 0, 2), Z, ZT, Z2);
        for (double g : noTeacher[2]) {
            assertEquals(0, g, 0);
        }
    }
}
