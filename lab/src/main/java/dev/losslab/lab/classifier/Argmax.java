package dev.losslab.lab.classifier;

/** Index of the largest entry (the first on ties). */
final class Argmax {
    private Argmax() {}

    static int of(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
