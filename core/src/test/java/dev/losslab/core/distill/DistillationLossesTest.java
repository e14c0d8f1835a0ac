package dev.losslab.core.distill;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 37's worked examples for kd, dkd, nkd and uskd (values and gradients), the DKD identity, invariances, extremes, bad input. */
class DistillationLossesTest {
    static final double[][] ZS = {{2.0, 1.0, 0.1, -1.0}, {0.5, 2.5, -0.5, 0.0}, {1.2, -0.3, 0.8, 2.0}};
    static final double[][] ZT = {{3.0, 0.5, 0.2, -0.5}, {0.1, 3.0, 0.4, -1.0}, {0.0, 0.5, 1.5, 2.5}};
    static final double[][] W = {{1.0, 0.2, 0.3, -0.2}, {0.0, 1.5, 0.2, 0.4}, {0.3, 0.1, 0.9, 1.1}};
    static final long[] Y = {0, 1, 3};

    /** mean, gradient w.r.t. the student logits and (when read) the aux logits, flattened. */
    static double[][] eval(Objective loss, double[][] zs, double[][] zt) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray s = m.create(zs);
            s.setRequiresGradient(true);
            NDArray w = m.create(W);
            w.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>(Map.of(InputNames.STUDENT_LOGITS, s, InputNames.TEACHER_LOGITS, m.create(zt),
                    InputNames.LABELS, m.create(Y), InputNames.AUX_LOGITS, w));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray mean = loss.perSample(Inputs.of(in)).mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, s.getGradient().toDoubleArray(),
                        w.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()};
            }
        }
    }

    /** The mean with aux logits {@code w} (student and teacher logits of spec 37). */
    static double evalAux(Objective loss, double[][] w) {
        try (NDManager m = NDManager.newBaseManager()) {
            return loss.perSample(Inputs.of(Map.of(InputNames.STUDENT_LOGITS, m.create(ZS), InputNames.TEACHER_LOGITS, m.create(ZT),
                    InputNames.LABELS, m.create(Y), InputNames.AUX_LOGITS, m.create(w)))).mean().getDouble();
        }
    }

    static void assertGradient(double[][] expected, double[] actual, double tol) {
        for (int i = 0; i < 12; i++) {
            assertEquals(expected[i / 4][i % 4], actual[i], tol, "entry " + i);
        }
    }

    @Test
    void kdSpec37() {
        assertClose(0.107315710, eval(new Kd(1), ZS, ZT)[0][0], 1e-8);
        double[][] r = eval(new Kd(4), ZS, ZT);
        assertClose(0.229159527, r[0][0], 1e-8);
        assertGradient(new double[][] {{-0.08042216, 0.06997547, 0.01821296, -0.00776626}, {0.03736929, -0.05153789, -0.05224368, 0.06641228},
                {0.10527037, -0.03659984, -0.03918416, -0.02948637}}, r[1], 1e-8);
        double[][] same = eval(new Kd(4), ZS, ZS);
        assertEquals(0, same[0][0], 1e-15);
        for (double g : same[1]) {
            assertEquals(0, g, 1e-15);
        }
    }

    @Test
    void dkdSpec37AndTheDecomposition() {
        double[][] r = eval(new Dkd(1, 8, 4), ZS, ZT);
        assertClose(2.19005009, r[0][0], 1e-8);
        assertGradient(new double[][] {{-0.08042216, 0.52749198, -0.08808214, -0.35898768}, {0.26819981, -0.05153789, -0.91545062, 0.69878871},
                {1.1536439, -0.53254374, -0.59161379, -0.02948637}}, r[1], 1e-7);
        assertClose(0.0643462031, eval(new Dkd(1, 0, 4), ZS, ZT)[0][0], 1e-8);
        assertClose(8 * 0.265712986, eval(new Dkd(0, 8, 4), ZS, ZT)[0][0], 1e-8);
        assertClose(0.164022856, eval(new Dkd(1, 0.5, 1), ZS, ZT)[0][0], 1e-8);
        // KL(p_t‖p_s) = TCKD + (1 − p_t,y)·NCKD per sample: with pt_y of spec 37, DKD(1, 1) − KD = Σ p_t,y·NCKD_i τ² / N
        double[] nckd = {0.00525026, 0.01921167, 0.02535926};
        double[] ptY = {0.4083785, 0.42118568, 0.34239623};
        double gap = 0;
        for (int i = 0; i < 3; i++) {
            gap += 16 * ptY[i] * nckd[i] / 3;
        }
        assertClose(eval(new Kd(4), ZS, ZT)[0][0] + gap, eval(new Dkd(1, 1, 4), ZS, ZT)[0][0], 1e-6);
    }

    @Test
    void nkdSpec37() {
        double[][] r = eval(new Nkd(1, 1.5), ZS, ZT);
        assertClose(2.11601966, r[0][0], 1e-8);
        assertGradient(new double[][] {{-0.10284317, 0.15385981, -0.01670001, -0.03431662}, {0.09788324, -0.06124691, -0.14700945, 0.11037312},
                {0.24499375, -0.04530008, -0.10303733, -0.09665635}}, r[1], 1e-8);
        assertClose(35.3252220, eval(new Nkd(3, 3.5), ZS, ZT)[0][0], 1e-8);
    }

    @Test
    void uskdSpec37() {
        double[][] r = eval(new Uskd(1, 0.1, 0.005), ZS, ZT);
        assertClose(0.528565984, r[0][0], 1e-8);
        assertGradient(new double[][] {{-0.1166063, 0.0818585, 0.02927969, 0.00546812}, {0.04358134, -0.08308965, 0.01400006, 0.02550825},
                {0.07111514, 0.0116084, 0.04772611, -0.13044965}}, r[1], 1e-8);
        assertGradient(new double[][] {{-0.00079997, 0.0002916, 0.00032665, 0.00018173}, {0.00016171, -0.00063019, 0.00020674, 0.00026174},
                {0.00024244, 0.00019094, 0.00047601, -0.00090938}}, r[2], 1e-8);
    }

    @Test
    void finiteDifferencesAndRowShifts() {
        for (Objective loss : new Objective[] {new Kd(2), new Dkd(1, 8, 4), new Nkd(3, 3.5), new BinaryKl(2), new BinaryKlNorm(2), new Dhkd(1, 4, 2),
                new Uskd(1, 0.1, 0.005)}) {
            double[][] at = eval(loss, ZS, ZT);
            boolean readsAux = loss.inputs().stream().anyMatch(spec -> spec.name().equals(InputNames.AUX_LOGITS));
            for (int i = 0; i < 12 && readsAux; i++) {
                // USKD's weak-head rank is locally constant, so the aux-logit gradient is the derivative of the total
                double[][] up = {W[0].clone(), W[1].clone(), W[2].clone()};
                double[][] down = {W[0].clone(), W[1].clone(), W[2].clone()};
                up[i / 4][i % 4] += 1e-6;
                down[i / 4][i % 4] -= 1e-6;
                assertEquals((evalAux(loss, up) - evalAux(loss, down)) / 2e-6, at[2][i], 1e-7, loss.name() + " aux entry " + i);
            }
            if (loss instanceof Uskd) {
                continue; // its student gradient treats the batch-normalised target weight and the Zipf labels as constants, as the official code does
            }
            if (!(loss instanceof BinaryKl || loss instanceof BinaryKlNorm || loss instanceof Dhkd)) {
                // softmax losses: a constant added to a student row or a teacher row changes nothing
                double[][] shifted = {ZS[0].clone(), ZS[1].clone(), ZS[2].clone()};
                double[][] teacherShift = {ZT[0].clone(), ZT[1].clone(), ZT[2].clone()};
                for (int c = 0; c < 4; c++) {
                    shifted[1][c] += 7;
                    teacherShift[2][c] -= 3;
                }
                assertClose(at[0][0], eval(loss, shifted, teacherShift)[0][0], 1e-12);
            }
            for (int i = 0; i < 12; i++) {
                double[][] up = {ZS[0].clone(), ZS[1].clone(), ZS[2].clone()};
                double[][] down = {ZS[0].clone(), ZS[1].clone(), ZS[2].clone()};
                up[i / 4][i % 4] += 1e-6;
                down[i / 4][i % 4] -= 1e-6;
                assertEquals((eval(loss, up, ZT)[0][0] - eval(loss, down, ZT)[0][0]) / 2e-6, at[1][i], 1e-7, loss.name() + " entry " + i);
            }
        }
    }

    /** KL(p_t‖p_s) for a student row with m at the label and 0 on the 3 other classes and a teacher row with m + 1, from log1p closed forms. */
    static double confidentKl(double m) {
        double lps0 = -Math.log1p(3 * Math.exp(-m));
        double lpsK = -m + lps0;
        double lpt0 = -Math.log1p(3 * Math.exp(-m - 1));
        double lptK = -(m + 1) + lpt0;
        return Math.exp(lpt0) * (Math.log1p(3 * Math.exp(-m)) - Math.log1p(3 * Math.exp(-m - 1))) + 3 * Math.exp(lptK) * (lptK - lpsK);
    }

    @Test
    void confidentSamplesMatchAFloat64Reference() {
        // both confident on the label: KD = DKD (the non-target distributions agree, so NCKD = 0) ≈ 0.4·e^{−m}
        for (double m : new double[] {5, 20, 30, 40, 100, 700}) {
            double[][] zs = new double[3][4];
            double[][] zt = new double[3][4];
            for (int i = 0; i < 3; i++) {
                zs[i][(int) Y[i]] = m;
                zt[i][(int) Y[i]] = m + 1;
            }
            double expected = confidentKl(m);
            assertEquals(expected, eval(new Kd(1), zs, zt)[0][0], 1e-6 * expected, "kd at margin " + m);
            assertEquals(expected, eval(new Dkd(1, 8, 1), zs, zt)[0][0], 1e-6 * expected, "dkd at margin " + m);
            double ce = Math.log1p(3 * Math.exp(-m));
            double nkd = Math.exp(-Math.log1p(3 * Math.exp(-m - 1))) * ce + 1.5 * Math.log(3);
            assertEquals(nkd, eval(new Nkd(1, 1.5), zs, zt)[0][0], 1e-6 * nkd, "nkd at margin " + m);
        }
    }

    @Test
    void extremeLogitsStayFinite() {
        double[][] zs = {{1e4, -1e4, 0, 5}, {-1e4, 1e4, 700, -700}, {0, 0, 0, 1e4}};
        double[][] zt = {{-1e4, 1e4, 3, 0}, {1e4, 0, -1e4, 2}, {1e4, -1e4, 1, 1}};
        for (Objective loss : new Objective[] {new Kd(1), new Kd(4), new Dkd(1, 8, 4), new Nkd(1, 1.5), new Uskd(1, 0.1, 0.005)}) {
            double[][] r = eval(loss, zs, zt);
            assertTrue(Double.isFinite(r[0][0]), loss.name() + " value " + r[0][0]);
            for (double g : r[1]) {
                assertTrue(Double.isFinite(g), loss.name() + " gradient");
            }
        }
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals(InputNames.TEACHER_LOGITS, assertThrows(InvalidArgumentException.class, () -> eval(new Kd(1), ZS, new double[][] {{1, 2}})).argument());
        assertEquals("tau", assertThrows(InvalidArgumentException.class, () -> new Kd(0)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> new Dkd(1, -1, 4)).argument());
        assertEquals("mu", assertThrows(InvalidArgumentException.class, () -> new Uskd(1, 0.1, -1)).argument());
    }
}
