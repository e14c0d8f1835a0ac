package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.util.Random;

/**
 * A seeded random train/test split.
 *
 * @param train the training part
 * @param test the test part
 */
public record Split(TabularData train, TabularData test) {

    /** Shuffles indices with {@code rng} and puts the first ⌊(1−testFraction)·N⌉ into train. */
    public static Split random(TabularData data, double testFraction, Random rng) {
        int[][] rows = randomRows(data.size(), testFraction, rng);
        return new Split(data.subset(rows[0]), data.subset(rows[1]));
    }

    /** The row indices {train, test} that {@link #random} uses for {@code n} rows (to align other per-row data, e.g. teacher logits). */
    public static int[][] randomRows(int n, double testFraction, Random rng) {
        int[] perm = permutation(n, rng);
        int nTrain = (int) Math.round(n * (1 - testFraction));
        if (nTrain < 1 || nTrain >= n) {
            throw new dev.losslab.core.InvalidArgumentException("data", n + " rows are too few to split into train and test sets with test fraction "
                    + testFraction);
        }
        return new int[][] {java.util.Arrays.copyOfRange(perm, 0, nTrain), java.util.Arrays.copyOfRange(perm, nTrain, perm.length)};
    }

    /** k distinct indices of 0..n−1 drawn uniformly without replacement (the first k steps of Fisher–Yates). */
    public static int[] sample(int n, int k, Random rng) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("k must be in [0, " + n + "], got " + k);
        }
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            out[i] = pool[i];
        }
        return out;
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
    public static int[] permutation(int n, Random rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
