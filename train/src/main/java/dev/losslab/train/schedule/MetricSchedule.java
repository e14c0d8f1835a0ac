package dev.losslab.train.schedule;

import ai.djl.training.tracker.Tracker;

/** A schedule that also sees a monitored metric once per epoch (DJL's trackers cannot see the loss). */
public interface MetricSchedule extends Tracker {
    /** Records the epoch's monitored value (for example the validation loss). */
    void observe(double metric);
}
