package dev.losslab.core.classification.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Evaluation;
import dev.losslab.core.Inputs;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cross-entropy's two forms agree: batches of at most {@link HostCrossEntropy#MAX_ENTRIES} entries
 * are computed on the host, larger ones on the engine ({@code LabelSoftmax}). The same rows
 * (random, confident with margins to 700, ±1e4) evaluated in a batch on each side of the limit
 * give the same per-sample values and gradients p − e_y.
 */
class HostCrossEntropyTest {
    private static final int C = 3;
    private static final int ENGINE_ROWS = (int) (HostCrossEntropy.MAX_ENTRIES / C) + 1;
    private static final int HOST_ROWS = (int) (HostCrossEntropy.MAX_ENTRIES / C);

    /** Random rows of scale 4, with confident rows (margins 5 to 700) and ±1e4 rows among them. */
    private static double[][] rows(int n, int[] labels) {
        Random r = new Random(7);
        double[][] h = new double[n][C];
        double[] margins = {5, 20, 30, 40, 100, 700};
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(C);
            for (int k = 0; k < C; k++) {
                h[i][k] = 4 * r.nextGaussian();
            }
            if (i % 50 < margins.length) {
                Arrays.fill(h[i], 0);
                h[i][labels[i]] = margins[i % 50];
            } else if (i % 50 == 10) {
                h[i] = new double[] {1e4, -1e4, 0};
            }
        }
        return h;
    }

    @Test
    void theHostAndEngineFormsGiveTheSameValuesAndGradients() {
        int[] labels = new int[ENGINE_ROWS];
        double[][] h = rows(ENGINE_ROWS, labels);
        CrossEntropy ce = new CrossEntropy();
        Evaluation engine = Evaluation.of(ce, h, labels);
        Evaluation host = Evaluation.of(ce, Arrays.copyOf(h, HOST_ROWS), Arrays.copyOf(labels, HOST_ROWS));
        for (int i = 0; i < HOST_ROWS; i++) {
            double e = engine.perSample()[i];
            if (i % 50 < 6) {
                assertTrue(e > 0, "confident row " + i + " keeps a positive value: " + e);
            }
            assertEquals(e, host.perSample()[i], 1e-12 * e, "value of row " + i);
            for (int k = 0; k < C; k++) {
                double ge = engine.grad()[i][k] * ENGINE_ROWS;
                double gh = host.grad()[i][k] * HOST_ROWS;
                assertEquals(ge, gh, 1e-12 * Math.abs(ge) + 1e-300, "gradient of row " + i + ", class " + k);
            }
        }
    }

    @Test
    void inFloat32BothFormsAgreeToTheTypesPrecision() {
        int[] labels = new int[ENGINE_ROWS];
        double[][] h = rows(ENGINE_ROWS, labels);
        float[][] engine = perSampleAndGradient32(h, labels);
        float[][] host = perSampleAndGradient32(Arrays.copyOf(h, HOST_ROWS), Arrays.copyOf(labels, HOST_ROWS));
        for (int i = 0; i < HOST_ROWS; i++) {
            assertEquals(engine[0][i], host[0][i], 1e-5 * engine[0][i] + 1e-38, "value of row " + i);
            for (int k = 0; k < C; k++) {
                float ge = engine[1][i * C + k] * ENGINE_ROWS;
                float gh = host[1][i * C + k] * HOST_ROWS;
                assertEquals(ge, gh, 1e-5 * Math.abs(ge) + 1e-38, "gradient of row " + i + ", class " + k);
            }
        }
    }

    @Test
    void theLimitIsOnEntries() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertTrue(HostCrossEntropy.applies(m.zeros(new Shape(HOST_ROWS, C), DataType.FLOAT32)));
            assertFalse(HostCrossEntropy.applies(m.zeros(new Shape(ENGINE_ROWS, C), DataType.FLOAT32)));
            assertFalse(HostCrossEntropy.applies(m.zeros(new Shape(4, C), DataType.FLOAT16)), "float16 stays on the engine");
        }
    }

    /** Per-sample values and the gradient of the mean, float32 logits. */
    private static float[][] perSampleAndGradient32(double[][] h, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(h).toType(DataType.FLOAT32, false);
            x.setRequiresGradient(true);
            NDArray y = m.create(labels).toType(DataType.INT64, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = new CrossEntropy().perSample(Inputs.of("logits", x, "labels", y));
                gc.backward(per.mean());
                return new float[][] {per.toFloatArray(), x.getGradient().toFloatArray()};
            }
        }
    }
}
