package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * N-way K-shot episodes with Q queries per class from a subset of a data set's classes: the
 * classes are drawn without replacement, then K + Q distinct examples of each.
 */
public final class EpisodeSampler {
    private final List<List<Integer>> byClass = new ArrayList<>();
    private final int[] classes;

    /** @param classes the classes episodes may use (e.g. the base or the novel ones) */
    public EpisodeSampler(TabularData data, int[] classes) {
        this.classes = classes.clone();
        for (int c : classes) {
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.y()[i] == c) {
                    ids.add(i);
                }
            }
            byClass.add(ids);
        }
    }

    /**
     * One episode.
     *
     * @param ids data-set indices: the n·k support examples (class by class), then the n·q queries
     * @param labels episode labels 0..n−1 in the same order
     * @param supportSize n·k
     */
    public record Sampled(int[] ids, int[] labels, int supportSize) {}

    public Sampled sample(int ways, int shots, int queries, Random rng) {
        if (ways > classes.length) {
            throw new IllegalArgumentException(ways + "-way episodes need " + ways + " classes, have " + classes.length);
        }
        List<Integer> pick = new ArrayList<>();
        for (int i = 0; i < classes.length; i++) {
            pick.add(i);
        }
        Collections.shuffle(pick, rng);
        int[] ids = new int[ways * (shots + queries)];
        int[] labels = new int[ids.length];
        for (int w = 0; w < ways; w++) {
            List<Integer> pool = new ArrayList<>(byClass.get(pick.get(w)));
            if (pool.size() < shots + queries) {
                throw new IllegalArgumentException("class " + classes[pick.get(w)] + " has " + pool.size() + " examples, need " + (shots + queries));
            }
            Collections.shuffle(pool, rng);
            for (int j = 0; j < shots; j++) {
                ids[w * shots + j] = pool.get(j);
                labels[w * shots + j] = w;
            }
            for (int j = 0; j < queries; j++) {
                int at = ways * shots + w * queries + j;
                ids[at] = pool.get(shots + j);
                labels[at] = w;
            }
        }
        return new Sampled(ids, labels, ways * shots);
    }
}
