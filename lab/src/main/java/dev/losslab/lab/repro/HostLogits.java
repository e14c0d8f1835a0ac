package dev.losslab.lab.repro;

/** Host arithmetic on one row of logits for the reproductions' evaluations: cross-entropy and argmax. */
final class HostLogits {
    private HostLogits() {}

    /** −log softmax(z)_y = logsumexp(z) − z_y, with the maximum subtracted first. */
    static double crossEntropy(float[] z, int y) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - z[y];
    }

    /** The mean cross-entropy of rows of logits against labels. */
    static double meanCrossEntropy(float[][] logits, int[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += crossEntropy(logits[i], y[i]);
        }
        return s / y.length;
    }
}
