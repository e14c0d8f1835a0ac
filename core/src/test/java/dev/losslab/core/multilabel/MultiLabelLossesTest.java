package dev.losslab.core.multilabel;

import static dev.losslab.core.Fixtures.assertClose;
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
import dev.losslab.core.Objective;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Spec 14 worked examples 1–3 and gradient checks. */
class MultiLabelLossesTest {
    static final double[][] O = {{2, -1, 0.5, -3}, {-0.5, 1.5, -2, 0.2}, {0.1, 0.3, -0.7, -1.2}};
    static final double[][] Y = {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}};
    static final double[] W = {1, 2, 3, 4};
    static final int[][] Y_TRAIN = {{1, 0, 1, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 1}};
    static final double[][] Z = {{1, 0, 0.5}, {0.2, 1, -0.3}, {0.7, 0.6, 0.1}};

    /** Mean loss and gradient w.r.t. the named trained input; other inputs from {@code extra}. */
    static double[] meanAndGrad(Objective o, String trained, double[][] x, Function<NDManager, Map<String, NDArray>> extra, double[][] grad) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(x);
            a.setRequiresGradient(true);
            Inputs in = Inputs.of(extra.apply(m)).with(trained, a);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = o.mean(in);
                gc.backward(loss);
                if (grad != null) {
                    double[] g = a.getGradient().toDoubleArray();
                    for (int i = 0; i < x.length; i++) {
                        System.arraycopy(g, i * x[0].length, grad[i], 0, x[0].length);
                    }
                }
                return new double[] {loss.getDouble()};
            }
        }
    }

    static void assertFiniteDifference(Objective o, String trained, double[][] x, Function<NDManager, Map<String, NDArray>> extra) {
        double[][] g = new double[x.length][x[0].length];
        meanAndGrad(o, trained, x, extra, g);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double[][] a = copy(x);
                double[][] b = copy(x);
                a[i][j] += 1e-6;
                b[i][j] -= 1e-6;
                double fd = (meanAndGrad(o, trained, a, extra, null)[0] - meanAndGrad(o, trained, b, extra, null)[0]) / 2e-6;
                assertEquals(fd, g[i][j], 1e-7, o.name() + " [" + i + "][" + j + "]");
            }
        }
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    static Function<NDManager, Map<String, NDArray>> targets(Map<String, double[][]> more, double[] posWeight) {
        return m -> {
            Map<String, NDArray> in = new java.util.LinkedHashMap<>();
            in.put("targets", m.create(Y));
            more.forEach((k, v) -> in.put(k, m.create(v)));
            if (posWeight != null) {
                in.put(InputNames.POS_WEIGHT, m.create(posWeight));
            }
            return in;
        };
    }

    @Test
    void weightedBceGolden() {
        double[][] g = new double[3][4];
        double loss = meanAndGrad(new WeightedBce(1), "logits", O, targets(Map.of(), W), g)[0];
        assertClose(0.6439142247186938, loss, 1e-12);
        assertClose(new double[] {-0.00993358, 0.02241179, -0.09438517, 0.00395216}, g[0], 1e-8);
        assertClose(new double[] {0.03146172, -0.03040425, 0.00993358, -0.15005533}, g[1], 1e-8);
        assertFiniteDifference(new WeightedBce(1), "logits", O, targets(Map.of(), W));
        assertArrayEquals(new double[] {2 / 3.0, 1.5, 1.5, 1.5}, WeightedBce.positiveWeights(Y_TRAIN), 1e-15);
    }

    private static void assertArrayEquals(double[] e, double[] a, double tol) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(e, a, tol);
    }

    @Test
    void correlationPenaltyGolden() {
        double[][] c = LabelCorrelationPenalty.positiveCorrelation(Y_TRAIN);
        assertArrayEquals(new double[] {0, 0, 2 / 3.0, 0}, c[0], 1e-12);
        double[][] g = new double[3][4];
        double loss = meanAndGrad(new LabelCorrelationPenalty(), "logits", O, targets(Map.of("correlation", c), null), g)[0];
        assertClose(0.06143611331177662, loss, 1e-12);
        assertClose(new double[] {0.01446603, 0.00580701, -0.03237884, -0.00133431}, g[0], 1e-8);
        assertFiniteDifference(new LabelCorrelationPenalty(), "logits", O, targets(Map.of("correlation", c), null));
        double zero = meanAndGrad(new LabelCorrelationPenalty(), "logits", O, targets(Map.of("correlation", new double[4][4]), null), null)[0];
        assertEquals(0, zero);
    }

    @Test
    void contrastiveGolden() {
        Function<NDManager, Map<String, NDArray>> in = m -> Map.of("targets", m.create(Y));
        assertClose(0.2318342780391811, meanAndGrad(new MultiLabelSupCon(0.1), "embeddings", Z, in, null)[0], 1e-12);
        assertFiniteDifference(new MultiLabelSupCon(0.5), "embeddings", Z, in);
    }

    /** The hybrid is exactly the weighted sum of its parts. */
    @Test
    void hybridIsTheWeightedSum() {
        double[][] c = LabelCorrelationPenalty.positiveCorrelation(Y_TRAIN);
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of(Map.of("logits", m.create(O), "targets", m.create(Y), "embeddings", m.create(Z), "correlation", m.create(c)))
                    .with(InputNames.POS_WEIGHT, m.create(W));
            double hybrid = new HybridMultiLabel(1, 0.3, 0.2, 0.1).mean(in).getDouble();
            double parts = 0.6439142247186938 + 0.3 * 0.06143611331177662 + 0.2 * 0.2318342780391811;
            assertClose(parts, hybrid, 1e-12);
            Inputs bad = Inputs.of(Map.of("logits", m.create(O), "targets", m.create(new double[][] {{1, 0, 2, 0}, {0, 1, 0, 1}, {1, 1, 0, 0}})));
            assertEquals("targets", assertThrows(InvalidArgumentException.class, () -> new WeightedBce(1).mean(bad)).argument());
            Inputs noCorr = Inputs.of(Map.of("logits", m.create(O), "targets", m.create(Y)));
            assertEquals("correlation", assertThrows(InvalidArgumentException.class, () -> new HybridMultiLabel(1, 0.1, 0, 0.1).mean(noCorr)).argument());
            double extreme = new WeightedBce(2).mean(Inputs.of(Map.of("logits", m.create(new double[][] {{1e4, -1e4}}), "targets", m.create(new double[][] {{0, 1}})))).getDouble();
            assertTrue(Double.isFinite(extreme));
        }
    }
}
