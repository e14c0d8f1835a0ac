package dev.losslab.train;

/** Classification metrics on host arrays. */
public final class Metrics {
    private Metrics() {}

    /** Fraction of rows whose label is among the k largest logits (ties and NaN count against). */
    public static double topKAccuracy(float[][] logits, int[] labels, int k) {
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            float target = logits[i][labels[i]];
            if (Float.isNaN(target)) {
                continue;
            }
            int above = 0;
            for (int j = 0; j < logits[i].length; j++) {
                if (j != labels[i] && !(logits[i][j] < target)) {
                    above++;
                }
            }
            if (above < k) {
                hits++;
            }
        }
        return (double) hits / labels.length;
    }

    public static double accuracy(float[][] logits, int[] labels) {
        return topKAccuracy(logits, labels, 1);
    }
}
