package dev.losslab.core.classification.softmax;

import ai.djl.ndarray.types.DataType;

/**
 * The floating-point precision a loss computes its softmax in (paper 44: Softmax Collapse depends
 * on it; float16 and float32 round exp(x − max) sums to exactly 1 far sooner than float64).
 */
public enum Precision {
    /** The logits' own type. */
    INPUT,
    FLOAT16,
    FLOAT32,
    FLOAT64;

    /** The type to compute in for logits of type {@code input}. */
    public DataType dataType(DataType input) {
        switch (this) {
            case FLOAT16:
                return DataType.FLOAT16;
            case FLOAT32:
                return DataType.FLOAT32;
            case FLOAT64:
                return DataType.FLOAT64;
            default:
                return input;
        }
    }

    /** The registry spelling: input, float16, float32, float64. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every {@link #label()}, in declaration order. */
    public static java.util.List<String> labels() {
        return java.util.Arrays.stream(values()).map(Precision::label).toList();
    }

    public static Precision parse(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
