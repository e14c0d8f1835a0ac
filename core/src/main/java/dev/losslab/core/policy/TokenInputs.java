package dev.losslab.core.policy;

import static dev.losslab.core.InputNames.COMPLETION_MASK;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Checks;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;

/**
 * The checks of the per-token inputs shared by the policy-gradient losses: every [B, T] input has the
 * shape of the trained token array, is finite and is used in its type; the completion mask is 0/1 and
 * all ones when absent.
 */
final class TokenInputs {
    private TokenInputs() {}

    /** Input {@code name}, checked to be finite and shaped like {@code like} (the trained input {@code likeName}), in its type. */
    static NDArray like(Inputs in, String name, NDArray like, String likeName) {
        NDArray a = in.get(name);
        if (!a.getShape().equals(like.getShape())) {
            throw new InvalidArgumentException(name, "expected shape " + like.getShape() + " like " + likeName + ", got " + a.getShape());
        }
        Checks.finite(name, a);
        return a.getDataType() == like.getDataType() ? a : a.toType(like.getDataType(), false);
    }

    /** {@code completion_mask} (0/1, shaped like {@code like}), or all ones when it is not given. */
    static NDArray mask(Inputs in, NDArray like, String likeName) {
        NDArray mask = in.has(COMPLETION_MASK) ? like(in, COMPLETION_MASK, like, likeName) : like.onesLike().stopGradient();
        Checks.binary(COMPLETION_MASK, mask);
        return mask;
    }
}
