package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.classification.softmax.CrossEntropy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad inputs fail with an exception that names the argument. */
class InputValidationTest {
    private final Objective ce = new CrossEntropy();

    private InvalidArgumentException fail(double[][] logits, double[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(logits), "labels", m.create(labels));
            return assertThrows(InvalidArgumentException.class, () -> ce.perSample(in));
        }
    }

    @Test
    void labelOutOfRange() {
        InvalidArgumentException e = fail(new double[][] {{1, 2}, {3, 4}}, new double[] {0, 2});
        assertEquals("labels", e.argument());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void negativeOrFractionalLabels() {
        assertEquals("labels", fail(new double[][] {{1, 2}}, new double[] {-1}).argument());
        assertEquals("labels", fail(new double[][] {{1, 2}}, new double[] {0.5}).argument());
    }

    @Test
    void acceptsIntegerValuedLabelsOfAnyType() {
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType t : new DataType[] {
                DataType.FLOAT32, DataType.FLOAT64, DataType.INT32}) {
                Inputs in = Inputs.of("logits", m.create(new double[][] {{0, 0}}), "labels", m.create(new double[] {1}).toType(t, false));
                assertEquals(Math.log(2), ce.mean(in).getDouble(), 1e-12, t.toString());
            }
            Inputs frac = Inputs.of("logits", m.create(new double[][] {{0, 0}}), "labels", m.create(new float[] {0.5f}));
            assertEquals("labels", assertThrows(InvalidArgumentException.class, () -> ce.mean(frac)).argument());
        }
    }

    @Test
    void shapeMismatch() {
        InvalidArgumentException e = fail(new double[][] {{1, 2}, {3, 4}}, new double[] {0});
        assertEquals("labels", e.argument());
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void nanAndInfinity() {
        assertEquals("logits", fail(new double[][] {{1, Double.NaN}}, new double[] {0}).argument());
        assertEquals("logits", fail(new double[][] {{1, Double.POSITIVE_INFINITY}}, new double[] {0}).argument());
    }

    /**
     * The finite check scans small arrays on the host and sums large ones on the engine: both
     * paths give the same verdict and message for NaN, +∞ and −∞ (NaN named first when both occur),
     * in float32 and float64, and accept finite arrays whose sum overflows.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4096})
    void bothFiniteCheckPathsGiveTheSameVerdicts(int entries) {
        assertTrue((entries <= LabelSoftmax.HOST_ENTRIES) == (entries == 8), "one size on each side of the limit");
        double[][] cases = {{Double.NaN}, {Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY}, {Double.NaN, Double.POSITIVE_INFINITY}};
        String[] messages = {"contains NaN", "contains infinite values", "contains infinite values", "contains NaN"};
        try (NDManager m = NDManager.newBaseManager()) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (int c = 0; c < cases.length; c++) {
                    double[] values = new double[entries];
                    for (int k = 0; k < cases[c].length; k++) {
                        values[entries - 1 - k] = cases[c][k];
                    }
                    NDArray a = HostArrays.of(m, values, new Shape(entries / 2, 2), type);
                    InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Checks.finite("x", a));
                    assertEquals("x", e.argument());
                    assertTrue(e.getMessage().contains(messages[c]), type + " case " + c + ": " + e.getMessage());
                }
                double[] huge = new double[entries];
                Arrays.fill(huge, type == DataType.FLOAT32 ? 3e38 : 1.7e308);
                Checks.finite("x", HostArrays.of(m, huge, new Shape(entries / 2, 2), type));
            }
        }
    }

    @Test
    void emptyBatchAndWrongRank() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs empty = Inputs.of("logits", m.zeros(new Shape(0, 3)), "labels", m.zeros(new Shape(0)));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> ce.perSample(empty));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
            Inputs flat = Inputs.of("logits", m.create(new double[] {1, 2}), "labels", m.create(new double[] {0}));
            assertEquals("logits", assertThrows(InvalidArgumentException.class, () -> ce.perSample(flat)).argument());
        }
    }

    @Test
    void missingInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(new double[][] {{1, 2}}));
            assertEquals("labels", assertThrows(InvalidArgumentException.class, () -> ce.perSample(in)).argument());
        }
    }

    @Test
    void weightedMeanUsesWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(new double[][] {{0, 0}, {0, 0}}), "labels", m.create(new double[] {0, 1}))
                    .with(InputNames.WEIGHTS, m.create(new double[] {2, 0}));
            assertEquals(Math.log(2), ce.mean(in).getDouble(), 1e-12);
            assertEquals(2 * Math.log(2), ce.compute(in, Reduction.SUM).getDouble(), 1e-12);
            Inputs bad = in.with(InputNames.WEIGHTS, m.create(new double[] {1}));
            assertEquals(InputNames.WEIGHTS, assertThrows(InvalidArgumentException.class, () -> ce.mean(bad)).argument());
        }
    }
}
