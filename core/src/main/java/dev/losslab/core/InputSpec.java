package dev.losslab.core;

/**
 * One named input of an objective.
 *
 * @param name the key in {@link Inputs} and in the CLI's input JSON, e.g. {@code logits}
 * @param shape a human-readable shape such as {@code [N, C]}
 * @param trained true when gradients flow into this input (logits, embeddings, policy log-probs);
 *     false for labels, targets, reference and teacher values
 * @param optional true when the objective works without it
 */
public record InputSpec(String name, String shape, boolean trained, boolean optional) {

    /** A required input that receives gradients. */
    public static InputSpec trained(String name, String shape) {
        return new InputSpec(name, shape, true, false);
    }

    /** A required input that is data only (no gradient). */
    public static InputSpec target(String name, String shape) {
        return new InputSpec(name, shape, false, false);
    }
}
