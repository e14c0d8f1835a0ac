package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.function.BinaryOperator;

/**
 * Array–number arithmetic that stays correct under autograd on DJL's PyTorch engine.
 *
 * <p>DJL 0.36 evaluates {@code x.mul(c)}, {@code x.div(c)}, {@code x.pow(c)},
 * {@code x.maximum(c)} and {@code x.minimum(c)} by wrapping {@code c} in a 0-d tensor over a Java
 * direct buffer and closing that tensor as soon as the call returns. PyTorch's autograd keeps the
 * 0-d tensor for the backward pass of exactly these operations, but not the buffer: once the JVM
 * collects it, backward reads freed memory and the gradient is silently wrong (on this stack,
 * x.div(4) with a garbage collection before backward gave an infinite gradient in every trial;
 * {@code ScalarsTest} runs the same situation through these methods). The
 * methods here build the constant in memory PyTorch owns, so the saved tensor stays valid.
 * Addition, subtraction and comparisons do not save the constant and are safe as DJL has them.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * A 0-d array holding {@code value} in PyTorch-owned memory, attached to {@code like}'s
     * manager, in {@code like}'s data type when that is floating point (float64 otherwise).
     */
    public static NDArray constant(NDArray like, double value) {
        NDArray c = HostArrays.float64(like.getManager(), value);
        if (!like.getDataType().isFloating() || like.getDataType() == DataType.FLOAT64) {
            return c;
        }
        try (c) {
            return c.toType(like.getDataType(), false);
        }
    }

    /** x + c. */
    public static NDArray add(NDArray x, double c) {
        return withConstant(x, c, NDArray::add);
    }

    /** x·c. */
    public static NDArray mul(NDArray x, double c) {
        return withConstant(x, c, NDArray::mul);
    }

    /** x / c. */
    public static NDArray div(NDArray x, double c) {
        return withConstant(x, c, NDArray::div);
    }

    /** c / x. */
    public static NDArray rdiv(double c, NDArray x) {
        return withConstant(x, c, (a, k) -> k.div(a));
    }

    /** x^p. */
    public static NDArray pow(NDArray x, double p) {
        return withConstant(x, p, NDArray::pow);
    }

    /** max(x, c) element-wise. */
    public static NDArray max(NDArray x, double c) {
        return withConstant(x, c, NDArray::maximum);
    }

    /** min(x, c) element-wise. */
    public static NDArray min(NDArray x, double c) {
        return withConstant(x, c, NDArray::minimum);
    }

    /** op(x, k) with k = {@link #constant}(x, c); k's handle is released, autograd keeps its own. */
    private static NDArray withConstant(NDArray x, double c, BinaryOperator<NDArray> op) {
        try (NDArray k = constant(x, c)) {
            return op.apply(x, k);
        }
    }
}
