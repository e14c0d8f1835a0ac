package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.classification.softmax.CrossEntropy;
import org.junit.jupiter.api.Test;

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
            for (ai.djl.ndarray.types.DataType t : new ai.djl.ndarray.types.DataType[] {
                ai.djl.ndarray.types.DataType.FLOAT32, ai.djl.ndarray.types.DataType.FLOAT64, ai.djl.ndarray.types.DataType.INT32}) {
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
