package dev.losslab.lab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.losslab.train.TabularData;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

class NoiseAndSplitTest {

    /** Pair-flip moves a fraction ≈ rate of labels to (y+1) mod C, and only there. */
    @Property(tries = 20)
    void pairFlipRate(@ForAll @DoubleRange(min = 0, max = 0.9) double rate, @ForAll @LongRange(min = 0, max = 1000) long seed) {
        int n = 20000;
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 7;
        }
        int[] noisy = new LabelNoise(LabelNoise.Kind.PAIRFLIP, rate).apply(y, 7, new Random(seed));
        int flipped = 0;
        for (int i = 0; i < n; i++) {
            if (noisy[i] != y[i]) {
                assertEquals((y[i] + 1) % 7, noisy[i]);
                flipped++;
            }
        }
        assertEquals(rate, flipped / (double) n, 0.02);
    }

    /** Symmetric noise keeps the label with probability 1 − r + r/C. */
    @Property(tries = 10)
    void symmetricRate(@ForAll @DoubleRange(min = 0, max = 1) double rate) {
        int n = 20000;
        int[] y = new int[n];
        int[] noisy = new LabelNoise(LabelNoise.Kind.SYMMETRIC, rate).apply(y, 4, new Random(1));
        long kept = java.util.Arrays.stream(noisy).filter(v -> v == 0).count();
        assertEquals(1 - rate + rate / 4, kept / (double) n, 0.02);
    }

    @Property(tries = 10)
    void splitIsAPartitionAndSeeded(@ForAll @LongRange(min = 0, max = 99) long seed) {
        float[][] x = new float[50][1];
        int[] y = new int[50];
        for (int i = 0; i < 50; i++) {
            x[i][0] = i;
        }
        TabularData d = new TabularData(x, y, 1);
        Split a = Split.random(d, 0.4, new Random(seed));
        Split b = Split.random(d, 0.4, new Random(seed));
        assertEquals(30, a.train().size());
        assertEquals(20, a.test().size());
        java.util.Set<Float> all = new java.util.HashSet<>();
        for (float[] r : a.train().x()) {
            all.add(r[0]);
        }
        for (float[] r : a.test().x()) {
            all.add(r[0]);
        }
        assertEquals(50, all.size());
        assertArrayEquals(a.train().x()[0], b.train().x()[0]);
    }
}
