package dev.losslab.train;

/** Sees every training step, with the per-sample losses of the batch. */
@FunctionalInterface
public interface StepListener {

    /**
     * @param epoch 0-based epoch
     * @param sampleIds the training-set indices in this batch
     * @param perSample ℓ_i for each of them, before reduction
     * @param loss the reduced loss that was back-propagated
     */
    void onStep(int epoch, int[] sampleIds, float[] perSample, float loss);

    StepListener NONE = (e, ids, per, loss) -> {};
}
