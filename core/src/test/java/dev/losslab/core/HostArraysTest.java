package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Host arrays reach PyTorch without a direct buffer per call, and their values live in PyTorch's
 * memory: they survive a collection after the staging buffer has been reused.
 */
class HostArraysTest {

    private static long directBuffers() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow().getCount();
    }

    /** 10,000 batch uploads of 8 × 784 floats: the number of direct buffers does not grow (NDManager.create adds one per call). */
    @Test
    void uploadsAllocateNoDirectBufferPerCall() {
        float[][] batch = new float[8][784];
        try (NDManager m = NDManager.newBaseManager()) {
            HostArrays.float32(m, batch).close();
            long before = directBuffers();
            for (int i = 0; i < 10_000; i++) {
                try (NDManager step = m.newSubManager()) {
                    HostArrays.float32(step, batch);
                    HostArrays.int64(step, new int[] {1, 2, 3, 4, 5, 6, 7, 8});
                }
            }
            long after = directBuffers();
            assertTrue(after - before <= 2, "direct buffers " + before + " -> " + after);
        }
    }

    /** Values are copied out of the staging buffer: reusing it and collecting leave earlier arrays intact. */
    @Test
    void valuesSurviveReuseAndCollection() throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = HostArrays.float32(m, new float[][] {{1, 2}, {3, 4}});
            NDArray b = HostArrays.float64(m, new double[] {0.1, 0.2, 0.3});
            NDArray c = HostArrays.int64(m, new long[][] {{5}, {6}});
            NDArray s = HostArrays.float64(m, 2.5);
            HostArrays.float32(m, new float[1 << 16]);
            System.gc();
            Thread.sleep(20);
            assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
            assertArrayEquals(new double[] {0.1, 0.2, 0.3}, b.toDoubleArray());
            assertArrayEquals(new long[] {5, 6}, c.toLongArray());
            assertArrayEquals(new double[] {2.5}, s.toDoubleArray());
            assertTrue(a.getShape().equals(new ai.djl.ndarray.types.Shape(2, 2)) && s.getShape().dimension() == 0);
        }
    }

    /** One-entry arrays of either float type, 0-d or not, read to float64; anything larger is refused. */
    @Test
    void scalarReadsOneEntryArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals(0.1f, HostArrays.scalar(m.create(0.1f)));
            assertEquals(0.1, HostArrays.scalar(m.create(new double[] {0.1})));
            assertEquals(7, HostArrays.scalar(m.create(new long[] {7})));
            assertThrows(IllegalArgumentException.class, () -> HostArrays.scalar(m.create(new double[] {1, 2})));
        }
    }
}
