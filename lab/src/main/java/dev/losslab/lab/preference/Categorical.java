package dev.losslab.lab.preference;

/**
 * Host arithmetic of a categorical policy over a few responses, shared by the preference testbeds:
 * log-softmax of logits and the chain rule of a log-probability through tabular logits.
 */
public final class Categorical {
    private Categorical() {}

    /** log softmax(logits), with the maximum subtracted first. */
    public static double[] logSoftmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : logits) {
            z += Math.exp(v - max);
        }
        double logZ = max + Math.log(z);
        double[] out = new double[logits.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = logits[i] - logZ;
        }
        return out;
    }

    public static double[] softmax(double[] logits) {
        double[] p = logSoftmax(logits);
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(p[i]);
        }
        return p;
    }

    /** grad[b] += g·∂log π(a)/∂θ_b = g·(1[b = a] − π(b)), for tabular logits θ with log-probs {@code logProbs}. */
    public static void addLogProbGradient(double[] grad, double[] logProbs, int a, double g) {
        for (int b = 0; b < grad.length; b++) {
            grad[b] += g * ((b == a ? 1 : 0) - Math.exp(logProbs[b]));
        }
    }

    /** An index drawn from the probabilities {@code p} (the last index absorbs rounding). */
    public static int sample(double[] p, java.util.Random r) {
        double u = r.nextDouble();
        double c = 0;
        for (int a = 0; a < p.length; a++) {
            c += p[a];
            if (u < c) {
                return a;
            }
        }
        return p.length - 1;
    }
}
