package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;

/**
 * Piecewise-constant learning rate: base·factor^m, where m counts the milestones already passed
 * (PyTorch's {@code MultiStepLR}). DJL numbers updates from 1, so update t uses the decayed
 * value once t &gt; milestone. Stateless, unlike DJL's {@code MultiFactorTracker}.
 */
public final class StepDecay implements Tracker {
    private final float base;
    private final float factor;
    private final int[] milestones;

    /** @param milestones update counts after which the rate is multiplied by {@code factor} */
    public StepDecay(float base, float factor, int... milestones) {
        this.base = base;
        this.factor = factor;
        this.milestones = milestones.clone();
    }

    @Override
    public float getNewValue(int numUpdate) {
        float v = base;
        for (int m : milestones) {
            if (numUpdate > m) {
                v *= factor;
            }
        }
        return v;
    }
}
