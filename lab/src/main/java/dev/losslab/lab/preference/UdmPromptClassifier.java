package dev.losslab.lab.preference;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.preference.UdmWeights;
import dev.losslab.lab.classifier.Lbfgs;

/**
 * BCO's underlying-distribution-matching classifier (paper 42, spec 42; TRL BCOTrainer's
 * {@code LogisticRegression(class_weight="balanced")} on prompt embeddings, main f2cd577): a binary
 * logistic regression, desirable prompts 1 and undesirable 0, fitted to scikit-learn's objective
 * C·Σ_i s_i·log(1 + exp(−ỹ_i(w·x_i + b))) + ½‖w‖² (C = 1, intercept unpenalised, balanced class
 * weights s_i = n/(2·n_class)) by L-BFGS to ‖∇‖ ≤ 1e-10. {@link #densityRatios} turns
 * p(desirable | x) into {@link UdmWeights} for the undesirable examples.
 */
public final class UdmPromptClassifier {
    private final double[] w;
    private final double b;

    private UdmPromptClassifier(double[] w, double b) {
        this.w = w;
        this.b = b;
    }

    /** Fits the classifier on prompt embeddings of the desirable and undesirable examples. */
    public static UdmPromptClassifier fit(double[][] desirable, double[][] undesirable) {
        if (desirable.length == 0 || undesirable.length == 0) {
            throw new InvalidArgumentException("prompts", "needs desirable and undesirable prompts, got " + desirable.length + " and " + undesirable.length);
        }
        int d = desirable[0].length;
        int n = desirable.length + undesirable.length;
        double[][] x = new double[n][];
        double[] y = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i < desirable.length;
            x[i] = pos ? desirable[i] : undesirable[i - desirable.length];
            if (x[i].length != d) {
                throw new InvalidArgumentException("prompts", "embedding " + i + " has " + x[i].length + " dimensions, expected " + d);
            }
            y[i] = pos ? 1 : -1;
            s[i] = (double) n / (2.0 * (pos ? desirable.length : undesirable.length));
        }
        double[] theta = new double[d + 1];
        Lbfgs.minimize((t, g) -> {
            java.util.Arrays.fill(g, 0);
            double f = 0;
            for (int j = 0; j < d; j++) {
                f += 0.5 * t[j] * t[j];
                g[j] = t[j];
            }
            for (int i = 0; i < n; i++) {
                double z = t[d];
                for (int j = 0; j < d; j++) {
                    z += t[j] * x[i][j];
                }
                double m = y[i] * z;
                f += s[i] * (m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m)));
                double coef = -s[i] * y[i] / (1 + Math.exp(m));
                for (int j = 0; j < d; j++) {
                    g[j] += coef * x[i][j];
                }
                g[d] += coef;
            }
            return f;
        }, theta, 1e-10, 10_000, 10);
        return new UdmPromptClassifier(java.util.Arrays.copyOf(theta, d), theta[d]);
    }

    /** p(desirable | x). */
    public double probability(double[] x) {
        double z = b;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * x[j];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** The UDM weights of undesirable examples with these prompt embeddings (TRL's clamps 0.5 and 10). */
    public double[] densityRatios(double[][] undesirablePrompts) {
        double[] p = new double[undesirablePrompts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(undesirablePrompts[i]);
        }
        return UdmWeights.of(p, 0.5, 10);
    }

    public double[] weights() {
        return w.clone();
    }

    public double intercept() {
        return b;
    }
}
