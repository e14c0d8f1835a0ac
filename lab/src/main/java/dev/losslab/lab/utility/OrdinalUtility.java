package dev.losslab.lab.utility;

import java.util.Random;

/**
 * The utility reading of softmax scores in paper 35 (Huang and Yuan 2023), limited to the standard
 * facts spec 35 can state: scores u(x, ·) are an ordinal utility, so a utility-compatible rule
 * (argmax) is invariant to any strictly increasing transform g of u, while probability-compatible
 * rules (sampling from softmax(u), thresholds on it) are not. The paper's utility → probability
 * transform could not be retrieved and is not implemented.
 */
public final class OrdinalUtility {
    private OrdinalUtility() {}

    /** softmax(u). */
    public static double[] softmax(double[] u) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : u) {
            max = Math.max(max, v);
        }
        double z = 0;
        double[] p = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            p[i] = Math.exp(u[i] - max);
            z += p[i];
        }
        for (int i = 0; i < u.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    /** Utility-compatible rule: the output with the largest score (first on ties). */
    public static int argmax(double[] u) {
        int best = 0;
        for (int i = 1; i < u.length; i++) {
            if (u[i] > u[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Probability-compatible rule: an output drawn from softmax(u). */
    public static int sample(double[] u, Random rng) {
        return draw(softmax(u), rng);
    }

    /** An index drawn from the distribution {@code p}. */
    public static int draw(double[] p, Random rng) {
        double r = rng.nextDouble();
        for (int i = 0; i < p.length; i++) {
            r -= p[i];
            if (r < 0) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** Probability-compatible rule: the output whose softmax probability reaches {@code threshold}, or −1. */
    public static int threshold(double[] u, double threshold) {
        double[] p = softmax(u);
        for (int i = 0; i < p.length; i++) {
            if (p[i] >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Expected update of a free score table under softmax cross-entropy at one context:
     * −E[∇_u] = P_data − softmax(u); zero exactly at u = log P_data + c.
     */
    public static double[] expectedUpdate(double[] u, double[] pData) {
        double[] p = softmax(u);
        double[] d = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            d[i] = pData[i] - p[i];
        }
        return d;
    }
}
