package dev.losslab.core.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.LabelSoftmax;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every registered classification objective that checks its logits' finiteness through its values
 * (the closed-form ones and the spherical family) still refuses NaN, +∞ and −∞ logits with the input
 * check's message: at the label entry and at another entry of a row, in float32 and float64, on the
 * host path (small batches) and the engine path (large ones); and accepts finite logits.
 */
class FiniteThroughValuesTest {
    private static final Set<String> EXPECTED = Set.of("cross-entropy", "comp-sum", "sum-exponential", "gce", "mae", "focal",
            "label-smoothing", "sce", "js", "nce-rce", "nce-agce", "nce-aul", "prob-mse", "weston-watkins-hinge",
            "z-loss", "spherical-mse", "log-taylor-softmax", "log-spherical-softmax");
    private static final int C = 3;

    @Test
    void theObjectivesCheckingThroughValuesAreTheExpectedOnes() {
        assertEquals(new TreeSet<>(EXPECTED), new TreeSet<>(throughValues().keySet()));
    }

    @Test
    void nonFiniteLogitsAreRefusedOnBothPaths() {
        int[] rows = {4, (int) (LabelSoftmax.HOST_ENTRIES / C) + 1};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        String[] message = {"contains NaN", "contains infinite values", "contains infinite values"};
        for (Map.Entry<String, Objective> e : throughValues().entrySet()) {
            for (int n : rows) {
                for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                    for (int b = 0; b < bad.length; b++) {
                        for (boolean atLabel : new boolean[] {true, false}) {
                            String what = e.getKey() + ", N = " + n + ", " + type + ", " + bad[b] + (atLabel ? " at the label" : " elsewhere");
                            int row = n / 2;
                            int column = atLabel ? row % C : (row + 1) % C;
                            double entry = bad[b];
                            InvalidArgumentException x = assertThrows(InvalidArgumentException.class,
                                    () -> evaluate(e.getValue(), n, type, row, column, entry), what);
                            assertEquals(InputNames.LOGITS, x.argument(), what);
                            assertTrue(x.getMessage().contains(message[b]), what + ": " + x.getMessage());
                        }
                    }
                    double[] values = evaluate(e.getValue(), n, type, 0, 0, 1.0);
                    for (double v : values) {
                        assertTrue(Double.isFinite(v), e.getKey() + ": finite logits give finite values");
                    }
                }
            }
        }
    }

    /** Per-sample values for random logits [n, C] of {@code type} with {@code value} at (row, column); labels i mod C. */
    private static double[] evaluate(Objective o, int n, DataType type, int row, int column, double value) {
        Random r = new Random(3);
        double[] h = new double[n * C];
        for (int i = 0; i < h.length; i++) {
            h[i] = 3 * r.nextGaussian();
        }
        h[row * C + column] = value;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % C;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = HostArrays.of(m, h, new Shape(n, C), type);
            return HostArrays.toDoubles(o.perSample(Inputs.of(InputNames.LOGITS, logits, InputNames.LABELS, HostArrays.int64(m, labels))));
        }
    }

    private static Map<String, Objective> throughValues() {
        Registry registry = Registry.defaults();
        Map<String, Objective> out = new java.util.TreeMap<>();
        registry.all().stream().filter(c -> c.kind() == Kind.LOSS).forEach(c -> {
            Object o = c.create(Map.of());
            if (o instanceof ClassificationObjective objective && objective.checksFinitenessThroughValues()) {
                out.put(c.name(), objective);
            }
        });
        return out;
    }
}
