package dev.losslab.lab.classifier;

/** Index of the largest entry (the first on ties). */
public final class Argmax {
    private Argmax() {}

    public static int of(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
