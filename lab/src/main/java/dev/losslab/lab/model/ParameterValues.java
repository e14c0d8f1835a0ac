package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Writes seeded initial values into a model parameter. DJL's {@code NDArray.set(float[])} goes
 * through a native call that opens PyTorch's deprecated {@code AutoNonVariableTypeMode}, whose
 * warning was the first line on stderr of every {@code losslab train} run; here the values are
 * copied into a PyTorch-owned tensor whose handle replaces the parameter's ({@code intern}),
 * gradient flag kept.
 */
final class ParameterValues {
    private ParameterValues() {}

    static void assign(NDArray parameter, float[] values) {
        boolean trained = parameter.hasGradient();
        try (NDManager scratch = parameter.getManager().newSubManager()) {
            // duplicate: a native copy; the created array only wraps a Java buffer that the GC may free
            parameter.intern(scratch.create(values, parameter.getShape()).toType(parameter.getDataType(), false).duplicate());
        }
        if (trained) {
            parameter.setRequiresGradient(true);
        }
    }
}
