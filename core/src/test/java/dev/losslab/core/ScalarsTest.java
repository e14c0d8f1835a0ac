package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    private static final double[] X = {0.5, 2, 3};

    /**
     * Gradient of Σ op(x) with a garbage collection and fresh 0-d allocations between forward and
     * backward: the situation in which DJL's own number overloads read a freed buffer.
     */
    private static double[] gradientAfterCollection(UnaryOperator<NDArray> op) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                System.gc();
                Thread.sleep(20);
                for (int i = 0; i < 200; i++) {
                    m.create(0.0).close();
                }
                gc.backward(y);
            }
            return x.getGradient().toDoubleArray();
        }
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            assertArrayEquals(new double[] {4, 4, 4}, gradientAfterCollection(x -> Scalars.mul(x, 4)), 0);
            assertArrayEquals(new double[] {0.25, 0.25, 0.25}, gradientAfterCollection(x -> Scalars.div(x, 4)), 0);
            assertArrayEquals(new double[] {-4 / 0.25, -4 / 4.0, -4 / 9.0}, gradientAfterCollection(x -> Scalars.rdiv(4, x)), 1e-15);
            assertArrayEquals(new double[] {3 * 0.25, 3 * 4, 3 * 9}, gradientAfterCollection(x -> Scalars.pow(x, 3)), 1e-12);
            assertArrayEquals(new double[] {0, 1, 1}, gradientAfterCollection(x -> Scalars.max(x, 1)), 0);
            assertArrayEquals(new double[] {1, 0, 0}, gradientAfterCollection(x -> Scalars.min(x, 1)), 0);
        }
    }

    @Test
    void constantTakesTheFloatingTypeOfItsOperand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f32 = m.create(new float[] {1, 2});
            assertEquals(DataType.FLOAT32, Scalars.constant(f32, 0.1).getDataType());
            assertEquals(DataType.FLOAT64, Scalars.constant(m.create(new double[] {1}), 0.1).getDataType());
            assertEquals(0.1, Scalars.constant(m.create(new double[] {1}), 0.1).getDouble(), 0);
            assertEquals(DataType.FLOAT64, Scalars.constant(m.create(new long[] {1}), 0.5).getDataType());
            assertArrayEquals(new float[] {0.1f, 0.2f}, Scalars.mul(f32, 0.1).toFloatArray(), 0);
        }
    }
}
