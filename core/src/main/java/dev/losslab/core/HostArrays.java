package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Java arrays as PyTorch-owned tensors, staged through one reused direct buffer per thread.
 *
 * <p>{@code NDManager.create(javaArray)} allocates a fresh direct buffer and only wraps it: the
 * memory returns to the system when the JVM collects the buffer, not when the array is closed.
 * Made per batch, those buffers ratcheted {@code losslab train}'s resident memory up by gigabytes
 * between collections; and once the wrapping array is closed, a tensor autograd still holds may
 * point into freed memory. Here the values are written into a reused buffer and copied into
 * PyTorch's own memory ({@code duplicate}), so neither happens.
 */
public final class HostArrays {
    private static final ThreadLocal<ByteBuffer> STAGING = ThreadLocal.withInitial(() -> allocate(1 << 16));

    private HostArrays() {}

    /** FLOAT32 [rows, cols] from a rectangular matrix. */
    public static NDArray float32(NDManager m, float[][] rows) {
        return matrix(m, rows.length, rows.length == 0 ? 0 : rows[0].length, DataType.FLOAT32, (b, i) -> b.asFloatBuffer().put(rows[i]));
    }

    /** FLOAT32 [n]. */
    public static NDArray float32(NDManager m, float[] values) {
        ByteBuffer b = staging((long) values.length * 4);
        b.asFloatBuffer().put(values);
        b.position(values.length * 4);
        return upload(m, b, new Shape(values.length), DataType.FLOAT32);
    }

    /** An array of {@code shape} from its entries in row-major order, in {@code type} (FLOAT32 or FLOAT64). */
    public static NDArray of(NDManager m, double[] values, Shape shape, DataType type) {
        ByteBuffer b = staging((long) values.length * type.getNumOfBytes());
        if (type == DataType.FLOAT64) {
            b.asDoubleBuffer().put(values);
        } else if (type == DataType.FLOAT32) {
            java.nio.FloatBuffer f = b.asFloatBuffer();
            for (double v : values) {
                f.put((float) v);
            }
        } else {
            throw new IllegalArgumentException("FLOAT32 or FLOAT64 expected, got " + type);
        }
        b.position(values.length * type.getNumOfBytes());
        return upload(m, b, shape, type);
    }

    /** The entries of a float array in row-major order, widened to float64 on the host (one read). */
    public static double[] toDoubles(NDArray a) {
        DataType type = a.getDataType();
        if (type == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        if (type == DataType.FLOAT32) {
            float[] f = a.toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        try (NDArray wide = a.toType(DataType.FLOAT64, false)) {
            return wide.toDoubleArray();
        }
    }

    /**
     * The value of a one-entry array, widened to float64 (one read; DJL's {@code getDouble()} and
     * {@code getFloat()} first index the array, one more engine call).
     */
    public static double scalar(NDArray a) {
        if (a.size() != 1) {
            throw new IllegalArgumentException("one entry expected, got shape " + a.getShape());
        }
        return toDoubles(a)[0];
    }

    /** A FLOAT64 scalar (0-d). */
    public static NDArray float64(NDManager m, double value) {
        ByteBuffer b = staging(8);
        b.putDouble(value);
        return upload(m, b, new Shape(), DataType.FLOAT64);
    }

    /** FLOAT64 [n]. */
    public static NDArray float64(NDManager m, double[] values) {
        ByteBuffer b = staging((long) values.length * 8);
        b.asDoubleBuffer().put(values);
        b.position(values.length * 8);
        return upload(m, b, new Shape(values.length), DataType.FLOAT64);
    }

    /** FLOAT64 [rows, cols] from a rectangular matrix. */
    public static NDArray float64(NDManager m, double[][] rows) {
        return matrix(m, rows.length, rows.length == 0 ? 0 : rows[0].length, DataType.FLOAT64, (b, i) -> b.asDoubleBuffer().put(rows[i]));
    }

    /** INT64 [n] from ints (class labels, sample ids). */
    public static NDArray int64(NDManager m, int[] values) {
        ByteBuffer b = staging((long) values.length * 8);
        for (int v : values) {
            b.putLong(v);
        }
        return upload(m, b, new Shape(values.length), DataType.INT64);
    }

    /** INT64 [rows, cols] from a rectangular matrix (gather indices). */
    public static NDArray int64(NDManager m, long[][] rows) {
        return matrix(m, rows.length, rows.length == 0 ? 0 : rows[0].length, DataType.INT64, (b, i) -> b.asLongBuffer().put(rows[i]));
    }

    /** A [rows, cols] array whose row i {@code writeRow} puts at the buffer's position. */
    private static NDArray matrix(NDManager m, int rows, int cols, DataType type, java.util.function.ObjIntConsumer<ByteBuffer> writeRow) {
        int rowBytes = cols * type.getNumOfBytes();
        ByteBuffer b = staging((long) rows * rowBytes);
        for (int i = 0; i < rows; i++) {
            writeRow.accept(b, i);
            b.position(b.position() + rowBytes);
        }
        return upload(m, b, new Shape(rows, cols), type);
    }

    private static NDArray upload(NDManager m, ByteBuffer b, Shape shape, DataType type) {
        b.flip();
        try (NDArray wrapped = m.create(b, shape, type)) {
            return wrapped.duplicate();
        }
    }

    /** The thread's staging buffer, cleared, with room for {@code bytes}. */
    private static ByteBuffer staging(long bytes) {
        ByteBuffer b = STAGING.get();
        if (b.capacity() < bytes) {
            b = allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes, 2L * b.capacity())));
            STAGING.set(b);
        }
        b.clear();
        return b;
    }

    private static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
