package dev.losslab.lab.lm;

import static dev.losslab.core.InputNames.CHOSEN_LENGTHS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REJECTED_LENGTHS;
import static dev.losslab.core.InputNames.WEIGHTS;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Objective;
import dev.losslab.lab.model.CharLm;
import dev.losslab.train.InputSource;
import dev.losslab.train.Rows;
import dev.losslab.train.Targets;
import dev.losslab.train.Training;
import java.util.LinkedHashMap;
import java.util.Random;

/**
 * Preference fine-tuning of a {@link CharLm} with any paired preference loss, through LossLab's one
 * training path ({@link Training}): the model's output is the chosen completions' summed log-probs
 * ({@code policy_chosen_logps}); the rejected ones come from the same model as a fed input; the
 * reference log-probs are computed once before training from a frozen copy (TRL's
 * {@code precompute_ref_log_probs}) and are fed per sample ({@link InputSource#values}), as are the
 * completion lengths, to the losses that read them. Adam, shuffled minibatches, a fixed number of epochs. Options as TRL's
 * {@code DPOConfig}: {@code ld_alpha} (LD-DPO: tokens beyond the pair's shared length weighted α in
 * both policy and reference log-probs; 1 = off) and {@code use_weighting} (WPO: each pair's loss
 * multiplied by the chosen and rejected sequences' weights from {@link CharLm#wpoWeights}, computed
 * from the current policy without gradients, as per-sample weights of the mean).
 */
public final class PreferenceTrainer {
    private final CharLm policy;
    private final Objective loss;
    private final double lr;
    private final int batch;
    private double ldAlpha = 1;
    private boolean wpo;

    public PreferenceTrainer(CharLm policy, Objective loss, double lr, int batch) {
        this.policy = policy;
        this.loss = loss;
        this.lr = lr;
        this.batch = batch;
    }

    /** LD-DPO's α ∈ [0, 1] for the tokens beyond each pair's shared length (1, the default, is plain DPO). */
    public PreferenceTrainer ldAlpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new dev.losslab.core.InvalidArgumentException("ld_alpha", "must lie in [0, 1], got " + alpha);
        }
        this.ldAlpha = alpha;
        return this;
    }

    /** WPO weighting of each pair's loss (TRL's {@code use_weighting}). */
    public PreferenceTrainer wpoWeighting(boolean on) {
        this.wpo = on;
        return this;
    }

    /** What one epoch measured: the mean loss and the share of pairs whose policy log-ratio margin is positive. */
    public record Epoch(double loss, double rewardAccuracy) {}

    /** Listens to each epoch's end. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, Epoch measured);
    }

    /** Trains for {@code epochs} epochs on {@code pairs} with reference log-probs from {@code reference}. */
    public void train(PreferencePairs pairs, CharLm reference, int epochs, int pad, Random r, EpochListener listener) {
        int k = policy.context();
        float[][] chosenRows = pairs.rows(true, k, pad, ldAlpha);
        float[][] rejectedRows = pairs.rows(false, k, pad, ldAlpha);
        double[] refChosen = reference.sequenceLogProbs(chosenRows);
        double[] refRejected = reference.sequenceLogProbs(rejectedRows);
        Training training = new Training(policy.sequenceLogProbs(), loss, Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build(),
                policy.manager())
                .feed(POLICY_REJECTED_LOGPS, step -> step.forward(HostArrays.float32(step.scope(), Rows.of(rejectedRows, step.ids()))))
                .feedIfRead(REF_CHOSEN_LOGPS, InputSource.values(toFloat(refChosen)))
                .feedIfRead(REF_REJECTED_LOGPS, InputSource.values(toFloat(refRejected)))
                .feedIfRead(CHOSEN_LENGTHS, InputSource.values(pairs.lengths(true)))
                .feedIfRead(REJECTED_LENGTHS, InputSource.values(pairs.lengths(false)));
        Targets none = (scope, ids) -> new LinkedHashMap<>();
        if (wpo) {
            training.feed(WEIGHTS, step -> {
                double[] wc = policy.wpoWeights(Rows.of(chosenRows, step.ids()));
                double[] wr = policy.wpoWeights(Rows.of(rejectedRows, step.ids()));
                float[] w = new float[wc.length];
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (wc[i] * wr[i]);
                }
                return HostArrays.float32(step.scope(), w);
            });
        }
        int[] order = new int[pairs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            shuffle(order, r);
            double total = training.epoch(e, chosenRows, none, order, batch, (ep, ids, per, l) -> {});
            double[] c = policy.sequenceLogProbs(chosenRows);
            double[] rj = policy.sequenceLogProbs(rejectedRows);
            int right = 0;
            for (int i = 0; i < c.length; i++) {
                right += (c[i] - refChosen[i]) - (rj[i] - refRejected[i]) > 0 ? 1 : 0;
            }
            listener.onEpoch(e, new Epoch(total, (double) right / c.length));
        }
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
