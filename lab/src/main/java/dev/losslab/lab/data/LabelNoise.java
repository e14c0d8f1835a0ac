package dev.losslab.lab.data;

import java.util.Locale;
import java.util.Random;

/**
 * Label-noise injection as in paper 09's official {@code utils.py}.
 *
 * <ul>
 *   <li>{@code symmetric:r} (uniform): with probability r the label is replaced by a class drawn
 *       uniformly from all C classes (it may equal the true one).
 *   <li>{@code pairflip:r} (class-dependent): with probability r, y ← (y + 1) mod C.
 * </ul>
 */
public record LabelNoise(Kind kind, double rate) {

    /** The noise models. */
    public enum Kind {
        SYMMETRIC,
        PAIRFLIP
    }

    public LabelNoise {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("label-noise rate must be in [0, 1], got " + rate);
        }
    }

    /** Parses {@code symmetric:0.4} or {@code pairflip:0.3}. */
    public static LabelNoise parse(String spec) {
        String[] p = spec.split(":");
        if (p.length != 2) {
            throw new IllegalArgumentException("label noise must look like symmetric:R or pairflip:R, got '" + spec + "'");
        }
        Kind k;
        try {
            k = Kind.valueOf(p[0].trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown label noise '" + p[0] + "' (symmetric or pairflip)");
        }
        return new LabelNoise(k, Double.parseDouble(p[1]));
    }

    /** A noisy copy of {@code labels}; the input is not changed. */
    public int[] apply(int[] labels, int numClasses, Random rng) {
        int[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (rng.nextDouble() < rate) {
                out[i] = kind == Kind.SYMMETRIC ? rng.nextInt(numClasses) : (out[i] + 1) % numClasses;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ":" + rate;
    }
}
