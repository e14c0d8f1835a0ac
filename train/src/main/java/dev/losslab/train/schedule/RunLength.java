package dev.losslab.train.schedule;

/**
 * The length of a training run as schedules need it: optimizer updates per epoch and epochs. The
 * total T = updatesPerEpoch·epochs; schedules given as fractions of the run (warm-up, decay) resolve
 * them against T. Update t (DJL counts from 1) is step k = t − 1 in the formulas, as a PyTorch
 * scheduler's lr for the (k+1)-th {@code optimizer.step()} after k {@code scheduler.step()} calls.
 */
public record RunLength(int updatesPerEpoch, int epochs) {
    public RunLength {
        if (updatesPerEpoch < 1 || epochs < 1) {
            throw new IllegalArgumentException("updatesPerEpoch and epochs must be ≥ 1, got " + updatesPerEpoch + " and " + epochs);
        }
    }

    public int totalUpdates() {
        return updatesPerEpoch * epochs;
    }

    /** round(fraction·T) updates. */
    public int updates(double fraction) {
        return (int) Math.round(fraction * totalUpdates());
    }
}
