package dev.losslab.core.policy;

import dev.losslab.core.InvalidArgumentException;
import java.util.Locale;

/**
 * GRPO's outcome advantage (paper 60, spec 60; TRL's {@code GRPOTrainer._generate_and_score_completions},
 * main f2cd577, with {@code multi_objective_aggregation = sum_then_normalize}): the rewards of
 * consecutive groups of G completions of one prompt are centred on their group mean,
 * A_i = (r_i − mean_group(r)) / (std + ε), where std is the unbiased (N − 1) standard deviation of
 * the group ({@code scale_rewards = group}) or of the whole batch ({@code batch}), and
 * {@code none} leaves A_i = r_i − mean. A group of equal rewards gets A = 0. NaN marks an unscorable
 * completion: it is left out of the means and deviations and gets A = 0. TRL's ε is 1e-4; verl's
 * (spec 60's one-shot RLVR code) is 1e-6. A group of one completion has std 0 as in TRL (so its
 * advantage is 0; verl uses mean 0 and std 1 there), as does a group with a single scorable one
 * (where TRL's deviation is NaN).
 */
public final class GroupRelativeAdvantage {

    /** How the centred rewards are scaled (TRL's {@code scale_rewards}). */
    public enum Scale {
        GROUP,
        BATCH,
        NONE;

        public static Scale of(String label) {
            return valueOf(label.toUpperCase(Locale.ROOT));
        }
    }

    private final int groupSize;
    private final Scale scale;
    private final double epsilon;

    /**
     * @param groupSize G ≥ 1 completions per prompt (TRL's {@code num_generations})
     * @param scale how the centred rewards are scaled
     * @param epsilon ε &gt; 0 added to the deviation
     */
    public GroupRelativeAdvantage(int groupSize, Scale scale, double epsilon) {
        if (groupSize < 1) {
            throw new InvalidArgumentException("group_size", "must be at least 1, got " + groupSize);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidArgumentException("epsilon", "must be a finite number > 0, got " + epsilon);
        }
        this.groupSize = groupSize;
        this.scale = scale;
        this.epsilon = epsilon;
    }

    /** TRL's default: per-group scaling, ε = 1e-4. */
    public static GroupRelativeAdvantage trl(int groupSize) {
        return new GroupRelativeAdvantage(groupSize, Scale.GROUP, 1e-4);
    }

    /** Advantages of {@code rewards}, laid out as consecutive groups of G. */
    public double[] advantages(double[] rewards) {
        if (rewards.length == 0 || rewards.length % groupSize != 0) {
            throw new InvalidArgumentException("rewards", "length " + rewards.length + " is not a positive multiple of the group size " + groupSize);
        }
        for (double r : rewards) {
            if (Double.isInfinite(r)) {
                throw new InvalidArgumentException("rewards", "contains infinite values");
            }
        }
        double batchStd = scale == Scale.BATCH ? unbiasedStd(rewards, 0, rewards.length) : 0;
        double[] a = new double[rewards.length];
        for (int start = 0; start < rewards.length; start += groupSize) {
            double mean = mean(rewards, start, start + groupSize);
            double std = switch (scale) {
                case GROUP -> unbiasedStd(rewards, start, start + groupSize);
                case BATCH -> batchStd;
                case NONE -> 0;
            };
            for (int i = start; i < start + groupSize; i++) {
                if (Double.isNaN(rewards[i])) {
                    continue;
                }
                double centred = rewards[i] - mean;
                a[i] = scale == Scale.NONE ? centred : centred / (std + epsilon);
            }
        }
        return a;
    }

    /** Mean of the non-NaN values in [from, to) (NaN when there are none). */
    private static double mean(double[] x, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i])) {
                sum += x[i];
                n++;
            }
        }
        return sum / n;
    }

    /** Unbiased standard deviation of the non-NaN values in [from, to); 0 for fewer than two. */
    static double unbiasedStd(double[] x, int from, int to) {
        double mean = mean(x, from, to);
        double ss = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i])) {
                ss += (x[i] - mean) * (x[i] - mean);
                n++;
            }
        }
        return n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    }
}
