package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Validation at the door of every objective; each failure names the argument. */
public final class Checks {
    /** 2^53: beyond it a float64 no longer holds every integer (and INT64 conversion may wrap). */
    private static final double MAX_EXACT_INTEGER = 9007199254740992.0;

    private Checks() {}

    /** A hyperparameter that must be finite and &gt; 0; returns it. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(name, "must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** A hyperparameter that must be finite and ≥ 0; returns it. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidArgumentException(name, "must be a finite number ≥ 0, got " + value);
        }
        return value;
    }

    /** A non-empty, finite [N, C] matrix with C ≥ {@code minCols}. */
    public static void matrix(String name, NDArray a, int minCols) {
        matrixShape(name, a, minCols);
        finite(name, a);
    }

    /** A non-empty [N, C] matrix with C ≥ {@code minCols} (its entries not checked). */
    public static void matrixShape(String name, NDArray a, int minCols) {
        Shape s = a.getShape();
        if (s.dimension() != 2) {
            throw new InvalidArgumentException(name, "expected a 2-D array [N, C], got shape " + s);
        }
        if (s.get(0) == 0) {
            throw new InvalidArgumentException(name, "empty batch (N = 0)");
        }
        if (s.get(1) < minCols) {
            throw new InvalidArgumentException(name, "needs at least " + minCols + " columns, got " + s.get(1));
        }
    }

    /**
     * {@link #finite} for an input whose every NaN or infinite entry makes some of {@code values}
     * NaN or infinite (closed-form objectives, {@code ClosedFormClassificationObjective}): one read
     * of the values, and the input's own check only when some value is not finite. Values that are
     * not finite from a finite input (an overflow in the objective) pass, as they would have.
     */
    public static void finiteThrough(String name, NDArray input, NDArray values) {
        for (double v : HostArrays.toDoubles(values)) {
            if (!Double.isFinite(v)) {
                finite(name, input);
                return;
            }
        }
    }

    /** A 1-D array of length {@code n}. */
    public static void vector(String name, NDArray a, long n) {
        Shape s = a.getShape();
        if (s.dimension() != 1 || s.get(0) != n) {
            throw new InvalidArgumentException(name, "expected shape [" + n + "], got " + s);
        }
    }

    /**
     * No NaN or infinity. Arrays of at most {@link LabelSoftmax#HOST_ENTRIES} entries are read and
     * scanned on the host (one engine call). Larger ones take one read pass and one host
     * synchronisation when clean: the sum of an array is finite only if every entry is (a NaN or
     * infinity makes it NaN or infinite); only a non-finite sum, which finite entries can also give
     * by overflowing, pays for the entry-wise test.
     */
    public static void finite(String name, NDArray a) {
        if (!a.getDataType().isFloating() || a.isEmpty()) {
            return;
        }
        DataType type = a.getDataType();
        if ((type == DataType.FLOAT32 || type == DataType.FLOAT64) && a.size() <= LabelSoftmax.HOST_ENTRIES) {
            boolean infinite = false;
            for (double v : HostArrays.toDoubles(a)) {
                if (Double.isNaN(v)) {
                    throw new InvalidArgumentException(name, "contains NaN");
                }
                infinite |= Double.isInfinite(v);
            }
            if (infinite) {
                throw new InvalidArgumentException(name, "contains infinite values");
            }
            return;
        }
        try (NDArray total = a.sum()) {
            if (Double.isFinite(HostArrays.scalar(total))) {
                return;
            }
        }
        if (a.isNaN().logicalOr(a.isInfinite()).any().getBoolean()) {
            throw new InvalidArgumentException(name, a.isNaN().any().getBoolean() ? "contains NaN" : "contains infinite values");
        }
    }

    /** A finite array whose entries are all 0 or 1 (multi-label or binary targets). */
    public static void binary(String name, NDArray a) {
        finite(name, a);
        if (a.neq(0).logicalAnd(a.neq(1)).any().getBoolean()) {
            throw new InvalidArgumentException(name, "entries must be 0 or 1");
        }
    }

    /**
     * Integer class labels [N] in [0, numClasses) (the range checked on the host, one read); returns them as INT64 for indexing.
     */
    public static NDArray labels(String name, NDArray labels, long n, long numClasses) {
        NDArray asLong = integers(name, labels, n);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : asLong.toLongArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (min < 0 || max >= numClasses) {
            throw new InvalidArgumentException(name, "label out of range [0, " + numClasses + "): found " + (min < 0 ? min : max));
        }
        return asLong;
    }

    /** Integer-valued [n] vector (any numeric type; floats must be whole numbers) as INT64. */
    public static NDArray integers(String name, NDArray values, long n) {
        vector(name, values, n);
        if (values.getDataType().isFloating()) {
            finite(name, values);
            if (values.neq(values.floor()).any().getBoolean()) {
                throw new InvalidArgumentException(name, "values must be integers");
            }
            if (values.abs().gt(MAX_EXACT_INTEGER).any().getBoolean()) {
                throw new InvalidArgumentException(name, "values must be integers of magnitude ≤ 2^53, found " + values.abs().max().getDouble());
            }
        }
        return values.getDataType() == DataType.INT64 ? values : values.toType(DataType.INT64, false);
    }
}
