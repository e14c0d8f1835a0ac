package dev.losslab.lab.continual;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A replay memory of M sample ids filled by reservoir sampling (Vitter's algorithm R, as the ER
 * baselines of online continual learning use; spec 48): the n-th sample seen (n counted from 1) is
 * appended while the buffer has room, otherwise j ~ U{0, …, n − 1} is drawn and slot j is replaced
 * when j &lt; M, so every sample seen so far is kept with probability M/n. Retrieval draws uniformly
 * without replacement.
 */
public final class ReservoirBuffer {
    private final int capacity;
    private final List<Integer> slots = new ArrayList<>();
    private final Random rng;
    private long seen;

    public ReservoirBuffer(int capacity, Random rng) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, got " + capacity);
        }
        this.capacity = capacity;
        this.rng = rng;
    }

    /** Offers one incoming sample id. */
    public void add(int id) {
        seen++;
        if (slots.size() < capacity) {
            slots.add(id);
            return;
        }
        long j = (long) (rng.nextDouble() * seen);
        if (j < capacity) {
            slots.set((int) j, id);
        }
    }

    /** Up to {@code k} stored ids drawn uniformly without replacement (all of them when fewer are stored). */
    public int[] retrieve(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be ≥ 0, got " + k);
        }
        List<Integer> pool = new ArrayList<>(slots);
        int take = Math.min(k, pool.size());
        int[] out = new int[take];
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            Integer t = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, t);
            out[i] = pool.get(i);
        }
        return out;
    }

    public int size() {
        return slots.size();
    }

    public long seen() {
        return seen;
    }
}
