package dev.losslab.core;

/**
 * The one lifecycle hook of an objective that keeps state across training (truncated GCE's
 * pruning masks, the distillation warm-up; later BCO's reward shift or KL-DRO's moving average). A training loop calls
 * it generically for every objective that implements it; nothing in the loop names a loss.
 */
public interface TrainingHook {

    /**
     * Whether the loop updates the parameters in {@code epoch} (0-based) of {@code totalEpochs}; in
     * an epoch without updates it still runs the forward pass and {@link #afterForward} batch by batch.
     */
    default boolean updatesParameters(int epoch, int totalEpochs) {
        return true;
    }

    /** Before each step's forward pass, with the step's 0-based epoch (e.g. a warm-up weight that grows with it). */
    default void beforeStep(int epoch, int totalEpochs) {}

    /** After each step's forward pass, with that step's inputs (model outputs detached from the graph). */
    default void afterForward(int epoch, int totalEpochs, Inputs inputs) {}
}
