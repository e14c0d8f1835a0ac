package dev.losslab.lab.preference;

import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import java.util.Map;
import java.util.Random;

/**
 * Paper 43's toy over-optimisation problem (spec 43): one prompt, K_in in-distribution responses
 * with features φ ~ N(0, I_d) and K_ood out-of-distribution ones with φ = 2.5·w* + 0.5·N(0, I_d),
 * which a linear reward extrapolates to look excellent. The policy has logits b_a + θᵀφ_a with a
 * fixed bias b = 0 (in-distribution) or −4 (OOD); the reference is θ = 0. True reward: 2·w*ᵀφ_a
 * in distribution, −2 for every OOD response. Preference pairs are drawn among the in-distribution
 * responses only, labelled by Bradley–Terry–Luce on the true reward.
 *
 * @param features φ[a][j], in-distribution responses first
 * @param bias b_a
 * @param reward the true reward of each response
 * @param ood the number of OOD responses (the last ones)
 * @param winners index of the preferred response of each pair
 * @param losers index of the other response
 */
public record OveroptimizationBandit(double[][] features, double[] bias, double[] reward, int ood, int[] winners, int[] losers) {

    /** Draws the spec's problem: d, K_in, K_ood and n pairs, all from {@code seed}. */
    public static OveroptimizationBandit draw(int dim, int inDistribution, int outOfDistribution, int pairs, long seed) {
        Random r = new Random(seed);
        double[] w = new double[dim];
        for (int j = 0; j < dim; j++) {
            w[j] = r.nextGaussian();
        }
        double norm = LogLinearBtlBandit.norm(w);
        for (int j = 0; j < dim; j++) {
            w[j] /= norm;
        }
        int k = inDistribution + outOfDistribution;
        double[][] phi = new double[k][dim];
        double[] bias = new double[k];
        double[] reward = new double[k];
        for (int a = 0; a < k; a++) {
            boolean in = a < inDistribution;
            for (int j = 0; j < dim; j++) {
                phi[a][j] = in ? r.nextGaussian() : 2.5 * w[j] + 0.5 * r.nextGaussian();
            }
            bias[a] = in ? 0 : -4;
            reward[a] = in ? 2 * LogLinearBtlBandit.dot(w, phi[a]) : -2;
        }
        int[] winners = new int[pairs];
        int[] losers = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            int a = r.nextInt(inDistribution);
            int c = r.nextInt(inDistribution - 1);
            c = c >= a ? c + 1 : c;
            boolean aWins = r.nextDouble() < 1 / (1 + Math.exp(-(reward[a] - reward[c])));
            winners[i] = aWins ? a : c;
            losers[i] = aWins ? c : a;
        }
        return new OveroptimizationBandit(phi, bias, reward, outOfDistribution, winners, losers);
    }

    /** log π_θ(a) for every response. */
    public double[] logProbs(double[] theta) {
        double[] logits = new double[features.length];
        for (int a = 0; a < logits.length; a++) {
            logits[a] = bias[a] + LogLinearBtlBandit.dot(theta, features[a]);
        }
        return Categorical.logSoftmax(logits);
    }

    /** The state of a policy: mean log-prob of the chosen responses, probability mass on OOD responses, expected true reward. */
    public record Snapshot(double chosenLogProb, double oodMass, double trueReward) {}

    public Snapshot snapshot(double[] theta) {
        double[] lp = logProbs(theta);
        double chosen = 0;
        for (int w : winners) {
            chosen += lp[w];
        }
        double oodMass = 0;
        double value = 0;
        for (int a = 0; a < lp.length; a++) {
            double p = Math.exp(lp[a]);
            oodMass += a >= features.length - ood ? p : 0;
            value += p * reward[a];
        }
        return new Snapshot(chosen / winners.length, oodMass, value);
    }

    /**
     * Full-batch gradient descent on the mean of {@code loss} from θ = 0: the loss sees the pairs'
     * policy and reference log-probs, the engine's autograd gives ∂L/∂log π per pair, and the chain
     * rule ∂log π(a)/∂θ = φ_a − E_π[φ] maps it to θ. Returns a snapshot every {@code every} steps
     * (the first at step 0).
     */
    public Snapshot[] train(Objective loss, int steps, double lr, int every) {
        int dim = features[0].length;
        double[] theta = new double[dim];
        double[] ref = logProbs(theta);
        double[] refChosen = new double[winners.length];
        double[] refRejected = new double[winners.length];
        for (int i = 0; i < winners.length; i++) {
            refChosen[i] = ref[winners[i]];
            refRejected[i] = ref[losers[i]];
        }
        Snapshot[] trace = new Snapshot[steps / every + 1];
        for (int step = 0; step <= steps; step++) {
            if (step % every == 0) {
                trace[step / every] = snapshot(theta);
            }
            if (step == steps) {
                break;
            }
            double[] lp = logProbs(theta);
            double[] c = new double[winners.length];
            double[] l = new double[winners.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = lp[winners[i]];
                l[i] = lp[losers[i]];
            }
            PairLossGradient g = PairLossGradient.of(loss, Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, l,
                    InputNames.REF_CHOSEN_LOGPS, refChosen, InputNames.REF_REJECTED_LOGPS, refRejected));
            double[] expected = new double[dim];
            for (int a = 0; a < features.length; a++) {
                double p = Math.exp(lp[a]);
                for (int j = 0; j < dim; j++) {
                    expected[j] += p * features[a][j];
                }
            }
            double[] grad = new double[dim];
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < dim; j++) {
                    grad[j] += g.chosen()[i] * (features[winners[i]][j] - expected[j]) + g.rejected()[i] * (features[losers[i]][j] - expected[j]);
                }
            }
            for (int j = 0; j < dim; j++) {
                theta[j] -= lr * grad[j];
            }
        }
        return trace;
    }
}
