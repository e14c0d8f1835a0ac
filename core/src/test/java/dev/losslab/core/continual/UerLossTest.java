package dev.losslab.core.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.classification.softmax.CrossEntropy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec 48's worked example (cosine and dot logits, L_new, L_buf, L_UER, ER, gradients), finite
 * differences, the angle-only invariances (scaling W rows or h leaves L_new unchanged,
 * ⟨∂L_new/∂w_c, w_c⟩ = 0), the ER-sep switch, one-part batches and bad input.
 */
class UerLossTest {
    static final double[][] W = {{1.0, 0.5, -0.2}, {0.2, -1.5, 0.4}, {-0.3, 0.2, 0.9}, {0.4, 0.4, 0.4}};
    static final double[][] H = {{0.5, 1.0, 0.2}, {1.2, -0.3, 0.8}, {1.0, 0.2, -0.1}, {0.1, -1.0, 0.3}};
    static final long[] Y = {2, 3, 0, 1};
    static final double[] MASK = {0, 0, 1, 1};

    /** {mean, per-sample, dL/dh, dL/dW}. */
    static double[][] eval(UerLoss loss, double[][] h, double[][] w, long[] y, double[] mask) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hh = m.create(h);
            NDArray ww = m.create(w);
            hh.setRequiresGradient(true);
            ww.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(Map.of(InputNames.EMBEDDINGS, hh, InputNames.CLASS_WEIGHTS, ww, InputNames.LABELS, m.create(y),
                        InputNames.REPLAY_MASK, m.create(mask))));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new double[][] {{mean.getDouble()}, per.toDoubleArray(), hh.getGradient().toDoubleArray(), ww.getGradient().toDoubleArray()};
            }
        }
    }

    @Test
    void spec48WorkedExample() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray cos = UerLoss.cosineLogits(m.create(new double[][] {H[0], H[1]}), m.create(W), 8);
            assertArrayEquals(new double[] {5.95348837, -5.9399942, 1.67093302, 6.91326852, 4.25554583, 3.50427719, 1.68041848, 5.33026025}, cos.toDoubleArray(), 1e-8);
            NDArray dot = m.create(new double[][] {H[2], H[3]}).matMul(m.create(W).transpose());
            assertArrayEquals(new double[] {1.12, -0.14, -0.35, 0.44, -0.46, 1.64, 0.04, -0.24}, dot.toDoubleArray(), 1e-12);
            double er = new CrossEntropy().perSample(Inputs.of(Map.of(InputNames.LOGITS, m.create(H).matMul(m.create(W).transpose()), InputNames.LABELS, m.create(Y))))
                    .mean().getDouble();
            assertEquals(1.03347547, er, 1e-8);
        }
        UerLoss uer = new UerLoss(8, true);
        double[][] r = eval(uer, H, W, Y, MASK);
        assertEquals(3.54390766, r[0][0], 1e-8);
        assertEquals(2.99732305, eval(uer, new double[][] {H[0], H[1]}, W, new long[] {2, 3}, new double[] {0, 0})[0][0], 1e-8);
        assertEquals(0.546584616, eval(uer, new double[][] {H[2], H[3]}, W, new long[] {0, 1}, new double[] {1, 1})[0][0], 1e-9);
        assertArrayEquals(new double[] {2.44486197, -0.75292912, -2.34750934, 0.15098042, -0.5738894, -0.44167915, -0.20537521, -0.17001995, 0.17995295, 0.00932159,
                0.29725525, 0.0093011}, r[2], 1e-8);
        assertArrayEquals(new double[] {-0.18484918, 0.10074695, 0.83696661, 0.2583517, 0.23370291, 0.06064052, -1.94947416, -3.51584379, 0.11238126, -0.97176469,
                2.7345099, -1.6558128}, r[3], 1e-8);
    }

    @Test
    void finiteDifferences() {
        for (UerLoss loss : new UerLoss[] {new UerLoss(8, true), new UerLoss(3, false)}) {
            double[][] r = eval(loss, H, W, Y, MASK);
            for (int k = 0; k < 12; k++) {
                double[][] up = copy(H);
                double[][] down = copy(H);
                up[k / 3][k % 3] += 1e-6;
                down[k / 3][k % 3] -= 1e-6;
                assertEquals((eval(loss, up, W, Y, MASK)[0][0] - eval(loss, down, W, Y, MASK)[0][0]) / 2e-6, r[2][k], 1e-8, "h entry " + k);
                up = copy(W);
                down = copy(W);
                up[k / 3][k % 3] += 1e-6;
                down[k / 3][k % 3] -= 1e-6;
                assertEquals((eval(loss, H, up, Y, MASK)[0][0] - eval(loss, H, down, Y, MASK)[0][0]) / 2e-6, r[3][k], 1e-8, "w entry " + k);
            }
        }
    }

    /** L_new is unchanged when W rows are scaled by [2, 0.5, 3, 1] or h by 7, and ⟨∂L_new/∂w_c, w_c⟩ = 0 for every class. */
    @Test
    void incomingSamplesLearnOnlyTheAngle() {
        UerLoss uer = new UerLoss(8, true);
        double[][] h = {H[0], H[1]};
        long[] y = {2, 3};
        double[] none = {0, 0};
        double[][] base = eval(uer, h, W, y, none);
        double[] factors = {2, 0.5, 3, 1};
        double[][] w = copy(W);
        for (int c = 0; c < 4; c++) {
            for (int j = 0; j < 3; j++) {
                w[c][j] *= factors[c];
            }
        }
        assertEquals(base[0][0], eval(uer, h, w, y, none)[0][0], 1e-12);
        double[][] h7 = copy(h);
        for (double[] row : h7) {
            for (int j = 0; j < 3; j++) {
                row[j] *= 7;
            }
        }
        assertEquals(base[0][0], eval(uer, h7, W, y, none)[0][0], 1e-12);
        for (int c = 0; c < 4; c++) {
            double inner = 0;
            for (int j = 0; j < 3; j++) {
                inner += base[3][c * 3 + j] * W[c][j];
            }
            assertEquals(0, inner, 1e-12, "class " + c);
        }
    }

    /** With dot logits for incoming samples the loss is ER-sep: the dot CE's mean over each part, added. */
    @Test
    void dotSwitchIsErSep() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] ce = new CrossEntropy().perSample(Inputs.of(Map.of(InputNames.LOGITS, m.create(H).matMul(m.create(W).transpose()), InputNames.LABELS, m.create(Y))))
                    .toDoubleArray();
            assertEquals((ce[0] + ce[1]) / 2 + (ce[2] + ce[3]) / 2, eval(new UerLoss(8, false), H, W, Y, MASK)[0][0], 1e-12);
        }
    }

    /** A float32 batch (as training feeds) gives the float64 value to float32 precision. */
    @Test
    void float32Inputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray per = new UerLoss(8, true).perSample(Inputs.of(Map.of(InputNames.EMBEDDINGS, m.create(H).toType(ai.djl.ndarray.types.DataType.FLOAT32, false),
                    InputNames.CLASS_WEIGHTS, m.create(W).toType(ai.djl.ndarray.types.DataType.FLOAT32, false), InputNames.LABELS, m.create(Y),
                    InputNames.REPLAY_MASK, m.create(new float[] {0, 0, 1, 1}))));
            assertEquals(3.54390766, per.mean().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble(), 1e-5);
        }
    }

    @Test
    void extremeInputsStayFinite() {
        double[][] h = {{1e4, -1e4, 1}, {5, 1e4, 0}, {-1e4, 3, 1e4}, {1, 1, 1}};
        double[][] r = eval(new UerLoss(8, true), h, W, Y, MASK);
        for (double[] part : r) {
            for (double v : part) {
                assertTrue(Double.isFinite(v), "value " + v);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        UerLoss uer = new UerLoss(8, true);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> eval(uer, H, new double[][] {{1, 2}}, Y, MASK));
        assertEquals(InputNames.CLASS_WEIGHTS, e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> eval(uer, H, W, Y, new double[] {0, 2, 1, 1}));
        assertEquals(InputNames.REPLAY_MASK, e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> eval(uer, H, W, new long[] {0, 4, 1, 1}, MASK));
        assertEquals(InputNames.LABELS, e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> eval(uer, H, W, Y, new double[] {0, 1}));
        assertEquals(InputNames.REPLAY_MASK, e.argument());
        assertThrows(IllegalArgumentException.class, () -> new UerLoss(0, true));
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
