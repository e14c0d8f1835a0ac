package dev.losslab.lab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.train.TabularData;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EpisodeSamplerTest {
    static TabularData data() {
        float[][] x = new float[100][1];
        int[] y = new int[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i % 10;
            x[i][0] = i;
        }
        return new TabularData(x, y, 10);
    }

    /** n·k support then n·q queries, distinct ids, one class per episode label, only allowed classes. */
    @Property(tries = 30)
    void episodesAreWellFormed(@ForAll @IntRange(min = 2, max = 5) int ways, @ForAll @IntRange(min = 1, max = 5) int shots,
            @ForAll @IntRange(min = 1, max = 5) int queries, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        TabularData d = data();
        int[] allowed = {1, 3, 5, 7, 9};
        EpisodeSampler.Sampled ep = new EpisodeSampler(d, allowed).sample(ways, shots, queries, new Random(seed));
        assertEquals(ways * (shots + queries), ep.ids().length);
        assertEquals(ways * shots, ep.supportSize());
        Set<Integer> distinct = new HashSet<>();
        int[] classOfLabel = new int[ways];
        java.util.Arrays.fill(classOfLabel, -1);
        for (int i = 0; i < ep.ids().length; i++) {
            distinct.add(ep.ids()[i]);
            int c = d.y()[ep.ids()[i]];
            assertEquals(1, c % 2, "allowed classes only");
            if (classOfLabel[ep.labels()[i]] < 0) {
                classOfLabel[ep.labels()[i]] = c;
            }
            assertEquals(classOfLabel[ep.labels()[i]], c, "one class per episode label");
            assertEquals(i < ep.supportSize() ? i / shots : (i - ep.supportSize()) / queries, ep.labels()[i]);
        }
        assertEquals(ep.ids().length, distinct.size());
    }

    @Property(tries = 3)
    void tooManyWaysOrShotsFail(@ForAll @IntRange(min = 0, max = 10) int seed) {
        EpisodeSampler s = new EpisodeSampler(data(), new int[] {0, 1});
        assertThrows(IllegalArgumentException.class, () -> s.sample(3, 1, 1, new Random(seed)));
        assertThrows(IllegalArgumentException.class, () -> s.sample(2, 8, 5, new Random(seed)));
    }
}
