package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.losslab.core.registry.Registry;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LabelSoftmax's two forms agree: batches of at most {@link LabelSoftmax#HOST_ENTRIES} entries are
 * computed on the host, larger ones on the engine. On random rows, confident rows (margins 5 to
 * 700) and ±1e4 rows, both give the same statistics, and every loss built on them gives the same
 * per-sample values and gradients whichever side of the limit its batch falls on.
 */
class LabelSoftmaxTest {
    /**
     * Losses whose value or gradient is a difference of O(1) terms (LDR-KL's KL minus its margin
     * term, JS's band): the two forms' last-bit differences in p enter there as absolute errors of
     * about 1e-15, so they are compared to 1e-14 absolute besides 1e-12 relative.
     */
    private static final java.util.Set<String> CANCELLING = java.util.Set.of("js", "ldr-kl", "aldr-kl");

    private static final int C = 3;
    private static final int ENGINE_ROWS = (int) (LabelSoftmax.HOST_ENTRIES / C) + 1;
    private static final int HOST_ROWS = (int) (LabelSoftmax.HOST_ENTRIES / C);

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
    void theHostAndEngineFormsGiveTheSameStatistics() {
        int[] labels = new int[HOST_ROWS];
        double[][] h = rows(HOST_ROWS, labels);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(h);
            NDArray y = m.create(labels).toType(DataType.INT64, false);
            LabelSoftmax host = LabelSoftmax.onHost(x, y);
            LabelSoftmax engine = LabelSoftmax.onEngine(x, y);
            double[] hostResidual = host.residual().toDoubleArray();
            double[] engineResidual = engine.residual().toDoubleArray();
            for (int i = 0; i < HOST_ROWS; i++) {
                double lp = engine.hostLogPy()[i];
                double u = engine.hostU()[i];
                if (i % 50 < 6) {
                    assertTrue(u > 0 && lp < 0, "confident row " + i + " keeps u > 0 and log p_y < 0: " + u + ", " + lp);
                }
                assertEquals(lp, host.hostLogPy()[i], 1e-12 * Math.abs(lp), "log p_y of row " + i);
                assertEquals(u, host.hostU()[i], 1e-12 * u, "u of row " + i);
                for (int k = i * C; k < i * C + C; k++) {
                    assertEquals(engineResidual[k], hostResidual[k], 1e-12 * Math.abs(engineResidual[k]) + 1e-300, "residual entry " + k);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-entropy", "sum-exponential", "gce", "mae", "tgce", "focal", "label-smoothing", "sce",
            "nce-rce", "nce-agce", "nce-aul", "js", "rll", "prob-mse", "ldr-kl", "aldr-kl"})
    void everyLossBuiltOnItAgreesOnBothSidesOfTheLimit(String name) {
        Objective loss = Registry.defaults().objective(name, Map.of());
        int[] labels = new int[ENGINE_ROWS];
        double[][] h = rows(ENGINE_ROWS, labels);
        Evaluation engine = Evaluation.of(loss, h, labels);
        Evaluation host = Evaluation.of(loss, Arrays.copyOf(h, HOST_ROWS), Arrays.copyOf(labels, HOST_ROWS));
        double absolute = CANCELLING.contains(name) ? 1e-14 : 1e-300;
        for (int i = 0; i < HOST_ROWS; i++) {
            double e = engine.perSample()[i];
            assertEquals(e, host.perSample()[i], 1e-12 * Math.abs(e) + absolute, name + ": value of row " + i);
            for (int k = 0; k < C; k++) {
                double ge = engine.grad()[i][k] * ENGINE_ROWS;
                double gh = host.grad()[i][k] * HOST_ROWS;
                assertEquals(ge, gh, 1e-12 * Math.abs(ge) + absolute, name + ": gradient of row " + i + ", class " + k);
            }
        }
    }

    @Test
    void inFloat32BothFormsAgreeToTheTypesPrecision() {
        int[] labels = new int[ENGINE_ROWS];
        double[][] h = rows(ENGINE_ROWS, labels);
        float[][] engine = crossEntropy32(h, labels);
        float[][] host = crossEntropy32(Arrays.copyOf(h, HOST_ROWS), Arrays.copyOf(labels, HOST_ROWS));
        for (int i = 0; i < HOST_ROWS; i++) {
            assertEquals(engine[0][i], host[0][i], 1e-5 * engine[0][i] + 1e-38, "value of row " + i);
            for (int k = 0; k < C; k++) {
                float ge = engine[1][i * C + k] * ENGINE_ROWS;
                float gh = host[1][i * C + k] * HOST_ROWS;
                assertEquals(ge, gh, 1e-5 * Math.abs(ge) + 1e-38, "gradient of row " + i + ", class " + k);
            }
        }
    }

    /** Cross-entropy's per-sample values and the gradient of their mean, float32 logits. */
    private static float[][] crossEntropy32(double[][] h, int[] labels) {
        Objective ce = Registry.defaults().objective("cross-entropy", Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(h).toType(DataType.FLOAT32, false);
            x.setRequiresGradient(true);
            NDArray y = m.create(labels).toType(DataType.INT64, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = ce.perSample(Inputs.of(InputNames.LOGITS, x, InputNames.LABELS, y));
                gc.backward(per.mean());
                return new float[][] {per.toFloatArray(), x.getGradient().toFloatArray()};
            }
        }
    }
}
