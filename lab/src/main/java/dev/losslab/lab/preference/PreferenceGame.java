package dev.losslab.lab.preference;

import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.lab.classifier.Lbfgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Paper 53's general-preference game (spec 53): K responses with a preference matrix P (P[y][y′] =
 * P(y ≻ y′), P + Pᵀ = 1), a reference π_ref and KL coefficient τ. The policy maximises
 * P(π ≻ π′) − τ·KL(π‖π_ref) against an opponent doing the same. This class holds the game's exact
 * quantities (the regularised Nash policy, an online-mirror-descent step, exploitability, best
 * responses) and INPO's loss-based step, which estimates the OMD step from sampled on-policy pairs
 * through a registered loss.
 *
 * @param preference P
 * @param reference π_ref
 * @param tau τ
 */
public record PreferenceGame(double[][] preference, double[] reference, double tau) {

    /** P·π: each response's win rate against π. */
    public double[] winRates(double[] pi) {
        double[] w = new double[pi.length];
        for (int y = 0; y < pi.length; y++) {
            for (int z = 0; z < pi.length; z++) {
                w[y] += preference[y][z] * pi[z];
            }
        }
        return w;
    }

    /** The regularised Nash policy, the fixed point of π = softmax(log π_ref + P·π/τ), by damped iteration. */
    public double[] regularisedNash() {
        double[] pi = reference.clone();
        for (int it = 0; it < 100_000; it++) {
            double[] w = winRates(pi);
            double[] logits = new double[pi.length];
            for (int y = 0; y < pi.length; y++) {
                logits[y] = Math.log(reference[y]) + w[y] / tau;
            }
            double[] next = Categorical.softmax(logits);
            double change = 0;
            for (int y = 0; y < pi.length; y++) {
                next[y] = 0.5 * pi[y] + 0.5 * next[y];
                change = Math.max(change, Math.abs(next[y] - pi[y]));
            }
            pi = next;
            if (change < 1e-15) {
                break;
            }
        }
        return pi;
    }

    /** The exact OMD step: π_{t+1} ∝ π_t^{1−ητ}·π_ref^{ητ}·exp(η·P·π_t). */
    public double[] omdStep(double[] pi, double eta) {
        double[] w = winRates(pi);
        double[] logits = new double[pi.length];
        for (int y = 0; y < pi.length; y++) {
            logits[y] = (1 - eta * tau) * Math.log(pi[y]) + eta * tau * Math.log(reference[y]) + eta * w[y];
        }
        return Categorical.softmax(logits);
    }

    /** max_y P(y ≻ π) − ½, in the unregularised game (0 at its Nash equilibrium). */
    public double exploitability(double[] pi) {
        double max = Double.NEGATIVE_INFINITY;
        for (double w : winRates(pi)) {
            max = Math.max(max, w);
        }
        return max - 0.5;
    }

    /** The pure best response to π (its index). */
    public int bestResponse(double[] pi) {
        double[] w = winRates(pi);
        int best = 0;
        for (int y = 1; y < w.length; y++) {
            best = w[y] > w[best] ? y : best;
        }
        return best;
    }

    /**
     * INPO's loss-based step: draws {@code pairs} pairs y, y′ ~ π_t (ties dropped), orders each by a
     * Bernoulli(P[y][y′]) label, and fits tabular logits θ by minimising the mean of {@code loss}
     * (given the policy, reference and π_t log-probs of the ordered pairs) with L-BFGS from log π_t.
     * Identical ordered pairs are grouped: the mean over all pairs is the share-weighted sum of the
     * loss's per-sample values on the distinct ones, the same value and gradient at a fraction of the cost.
     */
    public double[] lossBasedStep(double[] pi, Objective loss, int pairs, Random r) {
        int k = pi.length;
        double[][] counts = new double[k][k];
        int kept = 0;
        for (int i = 0; i < pairs; i++) {
            int y = draw(pi, r);
            int z = draw(pi, r);
            if (y != z) {
                boolean yWins = r.nextDouble() < preference[y][z];
                counts[yWins ? y : z][yWins ? z : y]++;
                kept++;
            }
        }
        List<int[]> ordered = new ArrayList<>();
        List<Double> share = new ArrayList<>();
        for (int w = 0; w < k; w++) {
            for (int l = 0; l < k; l++) {
                if (counts[w][l] > 0) {
                    ordered.add(new int[] {w, l});
                    share.add(counts[w][l] / kept);
                }
            }
        }
        int n = ordered.size();
        double[] refW = new double[n];
        double[] refL = new double[n];
        double[] prevW = new double[n];
        double[] prevL = new double[n];
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            int[] p = ordered.get(i);
            refW[i] = Math.log(reference[p[0]]);
            refL[i] = Math.log(reference[p[1]]);
            prevW[i] = Math.log(pi[p[0]]);
            prevL[i] = Math.log(pi[p[1]]);
            weights[i] = share.get(i);
        }
        double[] theta = new double[k];
        for (int y = 0; y < k; y++) {
            theta[y] = Math.log(pi[y]);
        }
        Lbfgs.minimize((x, grad) -> {
            double[] lp = Categorical.logSoftmax(x);
            double[] c = new double[n];
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = lp[ordered.get(i)[0]];
                l[i] = lp[ordered.get(i)[1]];
            }
            PairLossGradient g = PairLossGradient.weighted(loss, Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, l,
                    InputNames.REF_CHOSEN_LOGPS, refW, InputNames.REF_REJECTED_LOGPS, refL, InputNames.PREV_CHOSEN_LOGPS, prevW,
                    InputNames.PREV_REJECTED_LOGPS, prevL), weights);
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                Categorical.addLogProbGradient(grad, lp, ordered.get(i)[0], g.chosen()[i]);
                Categorical.addLogProbGradient(grad, lp, ordered.get(i)[1], g.rejected()[i]);
            }
            return g.value();
        }, theta, 1e-10, 500, 10);
        return Categorical.softmax(theta);
    }

    /** Total-variation distance ½·Σ|p − q|. */
    public static double tv(double[] p, double[] q) {
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            d += Math.abs(p[i] - q[i]);
        }
        return d / 2;
    }

    private static int draw(double[] pi, Random r) {
        double u = r.nextDouble();
        double c = 0;
        for (int y = 0; y < pi.length; y++) {
            c += pi[y];
            if (u < c) {
                return y;
            }
        }
        return pi.length - 1;
    }
}
