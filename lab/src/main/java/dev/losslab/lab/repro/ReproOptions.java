package dev.losslab.lab.repro;

import dev.losslab.lab.data.DataResolver;

/**
 * @param quick the CI-sized protocol
 * @param seeds number of seeds (0: the spec's default)
 * @param data where to look for real data sets
 */
public record ReproOptions(boolean quick, int seeds, DataResolver data) {

    /** The seeds 0..k−1 where k is {@link #seeds} or {@code defaultSeeds}. */
    public int[] seedList(int defaultSeeds) {
        return java.util.stream.IntStream.range(0, seeds > 0 ? seeds : defaultSeeds).toArray();
    }
}
