package dev.losslab.lab.preference;

import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Paper 42's tabular contextual bandit (spec 42): S prompts, K responses, true rewards
 * r*(s, a) ~ N(0, 1), a tabular policy π_θ(a|s) ∝ exp θ[s, a] (θ = 0 is the uniform reference), and n
 * preference pairs (s uniform, a uniform, b ≠ a uniform) labelled by Bradley–Terry–Luce on r*. A
 * paired loss sees each minibatch as pairs; an unpaired one sees the winners as desirable and the
 * losers as undesirable examples, and KTO's KL pairs are the batch's prompts with the completions
 * rolled by one. Training is minibatch SGD on θ through the loss's autograd gradient with respect to
 * the log-probs, chained by ∂log π(a|s)/∂θ[s, b] = 1[a = b] − π(b|s).
 *
 * @param reward r*[s][a]
 * @param states the prompt of each pair
 * @param winners the preferred response of each pair
 * @param losers the other response
 */
public record TabularPreferenceBandit(double[][] reward, int[] states, int[] winners, int[] losers) {

    /** How a loss reads a minibatch. */
    public enum View {
        PAIRED,
        UNPAIRED,
        UNPAIRED_WITH_KL
    }

    public static TabularPreferenceBandit draw(int prompts, int responses, int pairs, long seed) {
        Random r = new Random(seed);
        double[][] reward = new double[prompts][responses];
        for (double[] row : reward) {
            for (int a = 0; a < responses; a++) {
                row[a] = r.nextGaussian();
            }
        }
        int[] states = new int[pairs];
        int[] winners = new int[pairs];
        int[] losers = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            int s = r.nextInt(prompts);
            int a = r.nextInt(responses);
            int b = r.nextInt(responses - 1);
            b = b >= a ? b + 1 : b;
            boolean aWins = r.nextDouble() < 1 / (1 + Math.exp(-(reward[s][a] - reward[s][b])));
            states[i] = s;
            winners[i] = aWins ? a : b;
            losers[i] = aWins ? b : a;
        }
        return new TabularPreferenceBandit(reward, states, winners, losers);
    }

    /** log π_θ(·|s) for every prompt. */
    static double[][] logProbs(double[][] theta) {
        double[][] lp = new double[theta.length][];
        for (int s = 0; s < theta.length; s++) {
            lp[s] = Categorical.logSoftmax(theta[s]);
        }
        return lp;
    }

    /** θ after {@code steps} SGD steps of {@code batch} pairs drawn with replacement (seeded), learning rate {@code lr}. */
    public double[][] train(Objective loss, View view, int steps, int batch, double lr, long seed) {
        int k = reward[0].length;
        double[][] theta = new double[reward.length][k];
        double logRef = -Math.log(k);
        Random r = new Random(seed);
        for (int step = 0; step < steps; step++) {
            int[] idx = new int[batch];
            for (int i = 0; i < batch; i++) {
                idx[i] = r.nextInt(states.length);
            }
            double[][] lp = logProbs(theta);
            double[] c = new double[batch];
            double[] l = new double[batch];
            for (int i = 0; i < batch; i++) {
                c[i] = lp[states[idx[i]]][winners[idx[i]]];
                l[i] = lp[states[idx[i]]][losers[idx[i]]];
            }
            Map<String, double[]> in = new HashMap<>(Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, l,
                    InputNames.REF_CHOSEN_LOGPS, filled(batch, logRef), InputNames.REF_REJECTED_LOGPS, filled(batch, logRef)));
            if (view == View.UNPAIRED_WITH_KL) {
                double[] kl = new double[2 * batch];
                for (int i = 0; i < 2 * batch; i++) {
                    int prompt = states[idx[i % batch]];
                    int next = (i + 1) % (2 * batch);
                    int completion = next < batch ? winners[idx[next]] : losers[idx[next - batch]];
                    kl[i] = lp[prompt][completion];
                }
                in.put(InputNames.POLICY_KL_LOGPS, kl);
                in.put(InputNames.REF_KL_LOGPS, filled(2 * batch, logRef));
            }
            PairLossGradient g = PairLossGradient.of(loss, in);
            double[][] grad = new double[reward.length][k];
            for (int i = 0; i < batch; i++) {
                int s = states[idx[i]];
                Categorical.addLogProbGradient(grad[s], lp[s], winners[idx[i]], g.chosen()[i]);
                Categorical.addLogProbGradient(grad[s], lp[s], losers[idx[i]], g.rejected()[i]);
            }
            for (int s = 0; s < theta.length; s++) {
                for (int a = 0; a < k; a++) {
                    theta[s][a] -= lr * grad[s][a];
                }
            }
        }
        return theta;
    }

    private static double[] filled(int n, double value) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** Spec 42's metric: mean over prompts of (V(π) − mean_a r*)/(max_a r* − mean_a r*). */
    public double normalisedImprovement(double[][] theta) {
        double[][] lp = logProbs(theta);
        double total = 0;
        for (int s = 0; s < reward.length; s++) {
            double value = 0;
            double mean = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < reward[s].length; a++) {
                value += Math.exp(lp[s][a]) * reward[s][a];
                mean += reward[s][a] / reward[s].length;
                max = Math.max(max, reward[s][a]);
            }
            total += (value - mean) / (max - mean);
        }
        return total / reward.length;
    }
}
