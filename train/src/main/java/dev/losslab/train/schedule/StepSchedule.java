package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * A learning rate that depends only on the step: DJL's update t (from 1) reads the value at step
 * k = t − 1, so the first update uses the schedule's value at 0, as in PyTorch and optax.
 */
abstract class StepSchedule implements Tracker {
    @Override
    public final float getNewValue(int numUpdate) {
        return (float) at(Math.max(0, numUpdate - 1));
    }

    /** The learning rate at step k ≥ 0. */
    abstract double at(int k);

    /** Linear warm-up factor k/W for k &lt; W (HF transformers' form, 0 at step 0), else 1. */
    static double warmup(int k, int warmupSteps) {
        return k < warmupSteps ? (double) k / Math.max(1, warmupSteps) : 1;
    }
}
