package dev.losslab.lab.policy;

import dev.losslab.lab.preference.Categorical;

/**
 * Paper 47's mass-relocation argument for a categorical π = softmax(z) and a target p (spec 47):
 * the logit gradient of the forward KL(p‖π) (maximum likelihood, mode-covering) is π − p; that of
 * the reverse KL(π‖p) (on-policy RL and contrastive objectives, mode-seeking) is
 * π ⊙ (log(π/p) − KL(π‖p)). The reverse form removes mass from bins with π ≫ p at a rate ∝ log(π/p)
 * and adds mass where π is tiny only at a rate ∝ π; the forward form does the opposite.
 */
public final class KlGradients {
    private KlGradients() {}

    /** ∂KL(p‖softmax(z))/∂z = π − p. */
    public static double[] forward(double[] pi, double[] p) {
        double[] g = new double[pi.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = pi[i] - p[i];
        }
        return g;
    }

    /** KL(π‖p) = Σ π log(π/p). */
    public static double reverseKl(double[] pi, double[] p) {
        double kl = 0;
        for (int i = 0; i < pi.length; i++) {
            kl += pi[i] > 0 ? pi[i] * Math.log(pi[i] / p[i]) : 0;
        }
        return kl;
    }

    /** ∂KL(softmax(z)‖p)/∂z = π ⊙ (log(π/p) − KL(π‖p)). */
    public static double[] reverse(double[] pi, double[] p) {
        double kl = reverseKl(pi, p);
        double[] g = new double[pi.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = pi[i] > 0 ? pi[i] * (Math.log(pi[i] / p[i]) - kl) : 0;
        }
        return g;
    }

    /** softmax(log π − lr·g): one gradient step of size {@code lr} on the logits z = log π. */
    public static double[] step(double[] pi, double[] g, double lr) {
        double[] z = new double[pi.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.log(pi[i]) - lr * g[i];
        }
        return Categorical.softmax(z);
    }
}
