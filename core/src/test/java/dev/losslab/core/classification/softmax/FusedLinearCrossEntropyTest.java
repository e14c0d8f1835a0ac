package dev.losslab.core.classification.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused loss equals cross-entropy on the materialised logits H·Wᵀ (values and gradients for H
 * and W, with and without per-sample weights) for every chunk size, keeps the precision of
 * confident samples, and refuses malformed inputs by name.
 */
class FusedLinearCrossEntropyTest {
    static final int N = 7;
    static final int D = 5;
    static final int V = 13;

    record Result(double[] perSample, double[][] gradH, double[][] gradW, double[] gradB) {}

    static double[][] random(Random r, int rows, int cols, double scale) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * r.nextGaussian();
            }
        }
        return a;
    }

    /** Per-sample values and the gradients of the (weighted) batch mean; fused, or cross-entropy on H·Wᵀ. */
    static Result evaluate(Objective fused, double[][] h, double[][] w, int[] y, double[] weights) {
        return evaluate(fused, h, w, null, y, weights);
    }

    /** As {@link #evaluate(Objective, double[][], double[][], int[], double[])} with an output bias b (none when null). */
    static Result evaluate(Objective fused, double[][] h, double[][] w, double[] b, int[] y, double[] weights) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hh = m.create(h);
            NDArray ww = m.create(w);
            NDArray bb = b == null ? null : m.create(b);
            hh.setRequiresGradient(true);
            ww.setRequiresGradient(true);
            if (bb != null) {
                bb.setRequiresGradient(true);
            }
            NDArray labels = m.create(y).toType(DataType.INT64, false);
            Map<String, NDArray> in = new HashMap<>();
            if (weights != null) {
                in.put(InputNames.WEIGHTS, m.create(weights));
            }
            double[] per;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                if (fused == null) {
                    in.put(InputNames.LOGITS, bb == null ? hh.matMul(ww.transpose()) : hh.matMul(ww.transpose()).add(bb));
                    in.put(InputNames.LABELS, labels);
                    NDArray values = new CrossEntropy().perSample(Inputs.of(in));
                    per = values.toDoubleArray();
                    gc.backward(new CrossEntropy().mean(Inputs.of(in)));
                } else {
                    in.put(InputNames.EMBEDDINGS, hh);
                    in.put(InputNames.OUTPUT_WEIGHTS, ww);
                    if (bb != null) {
                        in.put(InputNames.OUTPUT_BIAS, bb);
                    }
                    in.put(InputNames.LABELS, labels);
                    per = fused.perSample(Inputs.of(in)).toDoubleArray();
                    gc.backward(fused.mean(Inputs.of(in)));
                }
            }
            double[] gh = hh.getGradient().toDoubleArray();
            double[] gw = ww.getGradient().toDoubleArray();
            return new Result(per, reshape(gh, h.length), reshape(gw, w.length), bb == null ? null : bb.getGradient().toDoubleArray());
        }
    }

    static double[][] reshape(double[] flat, int rows) {
        int cols = flat.length / rows;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, out[i], 0, cols);
        }
        return out;
    }

    static void assertSame(Result expected, Result actual, String what) {
        for (int i = 0; i < expected.perSample().length; i++) {
            assertEquals(expected.perSample()[i], actual.perSample()[i], 1e-12 * Math.max(1, Math.abs(expected.perSample()[i])), what + " value " + i);
        }
        for (int i = 0; i < expected.gradH().length; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(expected.gradH()[i][j], actual.gradH()[i][j], 1e-12, what + " dH " + i + "," + j);
            }
        }
        for (int i = 0; i < expected.gradW().length; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(expected.gradW()[i][j], actual.gradW()[i][j], 1e-12, what + " dW " + i + "," + j);
            }
        }
        for (int v = 0; expected.gradB() != null && v < expected.gradB().length; v++) {
            assertEquals(expected.gradB()[v], actual.gradB()[v], 1e-12, what + " db " + v);
        }
    }

    @Test
    void equalsCrossEntropyOnTheMaterialisedLogitsForEveryChunkSize() {
        Random r = new Random(4);
        double[][] h = random(r, N, D, 1);
        double[][] w = random(r, V, D, 1);
        int[] y = {0, 12, 5, 5, 7, 1, 12};
        Result reference = evaluate(null, h, w, y, null);
        for (int chunk : new int[] {1, 3, 4, 13, 100}) {
            assertSame(reference, evaluate(new FusedLinearCrossEntropy(chunk), h, w, y, null), "chunk " + chunk);
        }
        double[] weights = {1, 0, 2, 0.5, 3, 1, 0.25};
        Result weighted = evaluate(null, h, w, y, weights);
        assertSame(weighted, evaluate(new FusedLinearCrossEntropy(4), h, w, y, weights), "weighted, chunk 4");
    }

    /** With an output bias b: equals cross-entropy on H·Wᵀ + b (values, ∂H, ∂W, ∂b), weighted or not; ∂b matches central differences. */
    @Test
    void withABiasEqualsCrossEntropyOnTheBiasedLogits() {
        Random r = new Random(6);
        double[][] h = random(r, N, D, 1);
        double[][] w = random(r, V, D, 1);
        double[] b = random(r, 1, V, 2)[0];
        int[] y = {3, 12, 0, 5, 7, 7, 2};
        double[] weights = {1, 0.5, 2, 0, 3, 1, 1};
        for (double[] sampleWeights : new double[][] {null, weights}) {
            Result reference = evaluate(null, h, w, b, y, sampleWeights);
            for (int chunk : new int[] {1, 4, 13}) {
                assertSame(reference, evaluate(new FusedLinearCrossEntropy(chunk), h, w, b, y, sampleWeights), "bias, chunk " + chunk);
            }
        }
        FusedLinearCrossEntropy loss = new FusedLinearCrossEntropy(5);
        Result at = evaluate(loss, h, w, b, y, null);
        double eps = 1e-6;
        for (int v = 0; v < V; v++) {
            double keep = b[v];
            b[v] = keep + eps;
            double up = mean(evaluate(loss, h, w, b, y, null).perSample());
            b[v] = keep - eps;
            double down = mean(evaluate(loss, h, w, b, y, null).perSample());
            b[v] = keep;
            assertEquals((up - down) / (2 * eps), at.gradB()[v], 1e-7, "b[" + v + "]");
        }
    }

    /** Central differences (ε = 1e-6, float64) of the batch mean agree with the gradients for H and W to 1e-7. */
    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(9);
        double[][] h = random(r, 4, 3, 1);
        double[][] w = random(r, 6, 3, 1);
        int[] y = {5, 0, 2, 2};
        FusedLinearCrossEntropy loss = new FusedLinearCrossEntropy(4);
        Result at = evaluate(loss, h, w, y, null);
        double eps = 1e-6;
        for (double[][] target : new double[][][] {h, w}) {
            double[][] grad = target == h ? at.gradH() : at.gradW();
            for (int i = 0; i < target.length; i++) {
                for (int j = 0; j < target[i].length; j++) {
                    double keep = target[i][j];
                    target[i][j] = keep + eps;
                    double up = mean(evaluate(loss, h, w, y, null).perSample());
                    target[i][j] = keep - eps;
                    double down = mean(evaluate(loss, h, w, y, null).perSample());
                    target[i][j] = keep;
                    assertEquals((up - down) / (2 * eps), grad[i][j], 1e-7, (target == h ? "H" : "W") + "[" + i + "][" + j + "]");
                }
            }
        }
    }

    static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    /** Margins up to 700 (rows of H·Wᵀ = [m, 0, 0] with W = I): −log p_y = log(1 + 2e^{−m}) to 1e-6 relative, finite gradients. */
    @Test
    void confidentSamplesKeepTheirPrecision() {
        double[] margins = {5, 30, 40, 100, 700};
        double[][] h = new double[margins.length][];
        for (int i = 0; i < margins.length; i++) {
            h[i] = new double[] {margins[i], 0, 0};
        }
        double[][] w = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        Result fused = evaluate(new FusedLinearCrossEntropy(2), h, w, new int[margins.length], null);
        for (int i = 0; i < margins.length; i++) {
            double expected = Math.log1p(2 * Math.exp(-margins[i]));
            assertEquals(expected, fused.perSample()[i], 1e-6 * expected, "margin " + margins[i]);
            assertEquals(-2 * Math.exp(-margins[i]) / (1 + 2 * Math.exp(-margins[i])) / margins.length, fused.gradH()[i][0],
                    1e-6 * 2 * Math.exp(-margins[i]) / margins.length, "label gradient, margin " + margins[i]);
        }
    }

    @Test
    void refusesMalformedInputsByName() {
        Random r = new Random(1);
        FusedLinearCrossEntropy loss = new FusedLinearCrossEntropy(4);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> in = new HashMap<>();
            in.put(InputNames.EMBEDDINGS, m.create(random(r, 3, 4, 1)));
            in.put(InputNames.OUTPUT_WEIGHTS, m.create(random(r, 6, 5, 1)));
            in.put(InputNames.LABELS, m.create(new int[] {0, 1, 2}));
            InvalidArgumentException shape = assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(in)));
            assertTrue(shape.getMessage().startsWith("output_weights:"), shape.getMessage());
            in.put(InputNames.OUTPUT_WEIGHTS, m.create(random(r, 6, 4, 1)));
            in.put(InputNames.OUTPUT_BIAS, m.create(new double[5]));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(in))).getMessage().startsWith("output_bias:"));
            in.remove(InputNames.OUTPUT_BIAS);
            in.put(InputNames.LABELS, m.create(new int[] {0, 1, 6}));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(in))).getMessage().startsWith("labels:"));
            in.put(InputNames.LABELS, m.create(new int[] {0, 1, 5}));
            in.put(InputNames.EMBEDDINGS, m.create(new double[][] {{0, 1, 2, Double.NaN}, {0, 0, 0, 0}, {1, 1, 1, 1}}));
            assertTrue(assertThrows(InvalidArgumentException.class, () -> loss.perSample(Inputs.of(in))).getMessage().startsWith("embeddings:"));
            assertThrows(InvalidArgumentException.class, () -> new FusedLinearCrossEntropy(0));
        }
    }

    /** Only a few [N, chunk] temporaries: no array is left behind in the inputs' manager either. */
    @Test
    void leavesNothingBehind() {
        Random r = new Random(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hh = m.create(random(r, N, D, 1));
            NDArray ww = m.create(random(r, V, D, 1));
            NDArray labels = m.create(new int[] {0, 1, 2, 3, 4, 5, 6});
            Inputs in = Inputs.of(Map.of(InputNames.EMBEDDINGS, hh, InputNames.OUTPUT_WEIGHTS, ww, InputNames.LABELS, labels));
            FusedLinearCrossEntropy loss = new FusedLinearCrossEntropy(3);
            loss.mean(in).close();
            int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 50; i++) {
                loss.mean(in).close();
            }
            assertEquals(before, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size());
            assertEquals(new Shape(), loss.mean(in).getShape());
        }
    }
}
