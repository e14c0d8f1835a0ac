package dev.losslab.core.registry;

/** What a registered component is. */
public enum Kind {
    LOSS,
    OPTIMIZER,
    SCHEDULE,
    /** Turns a batch's per-sample losses into per-sample weights. */
    REWEIGHTER,
    /** Averages model weights: soups of trained models, EMA or SWA during training. */
    AVERAGING;

    /** Lower-case name used by the CLI and JSON output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
