package dev.losslab.lab.continual;

import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.Arrays;

/**
 * The online (single-pass) continual-learning loop of experience replay (spec 48, after the
 * authors' PCR/ER-FSL code): for each incoming batch of the stream, retrieve up to
 * {@code replayBatch} samples from the {@link ReservoirBuffer}, take one optimisation step on the
 * incoming samples followed by the replayed ones, then offer the incoming samples to the buffer.
 * When the objective reads {@code replay_mask} (UER and ER-sep), it is fed 0 for the incoming rows
 * and 1 for the replayed rows; an objective that does not (plain ER's cross-entropy) sees one
 * concatenated batch.
 */
public final class OnlineContinualLearner {
    private final Training training;
    private final ReservoirBuffer buffer;
    private final int replayBatch;
    private int incoming;

    public OnlineContinualLearner(Training training, ReservoirBuffer buffer, int replayBatch) {
        if (replayBatch < 0) {
            throw new IllegalArgumentException("replayBatch must be ≥ 0, got " + replayBatch);
        }
        this.training = training;
        this.buffer = buffer;
        this.replayBatch = replayBatch;
        training.feedIfRead(InputNames.REPLAY_MASK, step -> {
            float[] mask = new float[step.ids().length];
            Arrays.fill(mask, incoming, mask.length, 1f);
            return HostArrays.float32(step.scope(), mask);
        });
    }

    /** One pass over {@code stream} (ids into {@code data}) in batches of {@code batchSize}. */
    public void pass(TabularData data, int[] stream, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be ≥ 1, got " + batchSize);
        }
        for (int start = 0; start < stream.length; start += batchSize) {
            int[] batch = Arrays.copyOfRange(stream, start, Math.min(stream.length, start + batchSize));
            int[] replay = buffer.retrieve(replayBatch);
            int[] ids = Arrays.copyOf(batch, batch.length + replay.length);
            System.arraycopy(replay, 0, ids, batch.length, replay.length);
            incoming = batch.length;
            training.step(0, data, ids, (e, i, per, l) -> {});
            for (int id : batch) {
                buffer.add(id);
            }
        }
    }
}
