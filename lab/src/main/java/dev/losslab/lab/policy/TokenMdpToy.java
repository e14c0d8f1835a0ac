package dev.losslab.lab.policy;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import dev.losslab.core.Objective;
import dev.losslab.core.policy.GeneralizedAdvantageEstimate;
import dev.losslab.core.policy.RtoTokenReward;
import dev.losslab.lab.preference.Categorical;
import dev.losslab.lab.preference.PairLossGradient;
import java.util.Map;
import java.util.Random;

/**
 * Spec 63's token MDP: strings of L tokens over a vocabulary of V, a policy of independent tabular
 * logits per position (L × V), a reference π_ref with logits ~ N(0, 0.5²), a random target string and
 * the true sentence reward R(y) = fraction of positions equal to the target. A DPO stage fits
 * π_dpo on preference pairs sampled from π_ref; an RL stage trains from π_ref with a batch policy
 * gradient on returns-to-go, rewarded either sparsely (R(y) on the last token) or densely with RTO's
 * token rewards β₁·(log π_dpo − log π_ref) added.
 */
public final class TokenMdpToy {
    private final int length;
    private final int vocab;
    private final double[][] refLogits;
    private final int[] target;

    /** A toy of {@code length} positions over {@code vocab} tokens, drawn from {@code r}. */
    public TokenMdpToy(int length, int vocab, Random r) {
        this.length = length;
        this.vocab = vocab;
        refLogits = new double[length][vocab];
        target = new int[length];
        for (int t = 0; t < length; t++) {
            for (int a = 0; a < vocab; a++) {
                refLogits[t][a] = 0.5 * r.nextGaussian();
            }
            target[t] = r.nextInt(vocab);
        }
    }

    public double[][] referenceLogits() {
        return copy(refLogits);
    }

    /** R(y): the fraction of positions equal to the target. */
    double trueReward(int[] y) {
        int hits = 0;
        for (int t = 0; t < length; t++) {
            hits += y[t] == target[t] ? 1 : 0;
        }
        return (double) hits / length;
    }

    /** Expected true reward of a policy: the mean over positions of π_t(target_t). */
    public double expectedReward(double[][] logits) {
        double sum = 0;
        for (int t = 0; t < length; t++) {
            sum += Categorical.softmax(logits[t])[target[t]];
        }
        return sum / length;
    }

    /** The fraction of positions where β·(log π_dpo − log π_ref) of the target token is positive. */
    public double positiveTargetReward(double[][] dpoLogits) {
        int positive = 0;
        for (int t = 0; t < length; t++) {
            positive += Categorical.logSoftmax(dpoLogits[t])[target[t]] > Categorical.logSoftmax(refLogits[t])[target[t]] ? 1 : 0;
        }
        return (double) positive / length;
    }

    /**
     * π_dpo: {@code pairs} pairs sampled from π_ref, y1 preferred with probability σ(sharpness·(R(y1) − R(y2))),
     * then {@code steps} full-batch gradient steps of size {@code lr} from π_ref on the mean of {@code dpo}
     * over the summed sequence log-probs.
     */
    public double[][] fitDpo(Objective dpo, int pairs, double sharpness, int steps, double lr, Random r) {
        int[][] chosen = new int[pairs][];
        int[][] rejected = new int[pairs][];
        for (int i = 0; i < pairs; i++) {
            int[] y1 = sample(refLogits, r);
            int[] y2 = sample(refLogits, r);
            boolean first = r.nextDouble() < 1 / (1 + Math.exp(-sharpness * (trueReward(y1) - trueReward(y2))));
            chosen[i] = first ? y1 : y2;
            rejected[i] = first ? y2 : y1;
        }
        double[] refChosen = sequenceLogps(refLogits, chosen);
        double[] refRejected = sequenceLogps(refLogits, rejected);
        double[][] theta = copy(refLogits);
        for (int step = 0; step < steps; step++) {
            PairLossGradient g = PairLossGradient.of(dpo, Map.of(POLICY_CHOSEN_LOGPS, sequenceLogps(theta, chosen),
                    POLICY_REJECTED_LOGPS, sequenceLogps(theta, rejected), REF_CHOSEN_LOGPS, refChosen, REF_REJECTED_LOGPS, refRejected));
            double[][] grad = new double[length][vocab];
            double[][] logp = logSoftmax(theta);
            for (int i = 0; i < pairs; i++) {
                for (int t = 0; t < length; t++) {
                    Categorical.addLogProbGradient(grad[t], logp[t], chosen[i][t], g.chosen()[i]);
                    Categorical.addLogProbGradient(grad[t], logp[t], rejected[i][t], g.rejected()[i]);
                }
            }
            step(theta, grad, lr);
        }
        return theta;
    }

    /**
     * Trains from π_ref for {@code iterations} batches of {@code batch} strings and returns the expected
     * true reward after each iteration (index 0 = start). Token rewards come from {@code shaper} (with the
     * sentence reward R(y) as the reward-model score on the last token); returns-to-go with γ = 1 are
     * GAE with λ = 1 and zero values, centred on their batch mean per position; the gradient of
     * {@code policyLoss} (the registered grpo with loss_type grpo: −A/(B·L) per token, on-policy) is
     * chained to the logits and scaled by L, so the step is lr × the batch mean of Σ_t A_t ∇log π(y_t).
     */
    public double[] reinforce(Objective policyLoss, RtoTokenReward shaper, double[][] dpoLogits, int iterations, int batch, double lr, Random r) {
        double[][] theta = copy(refLogits);
        double[][] refLogp = logSoftmax(refLogits);
        double[][] dpoLogp = logSoftmax(dpoLogits);
        GeneralizedAdvantageEstimate returnsToGo = new GeneralizedAdvantageEstimate(1, 1);
        double[] curve = new double[iterations + 1];
        curve[0] = expectedReward(theta);
        for (int it = 1; it <= iterations; it++) {
            double[][] logp = logSoftmax(theta);
            int[][] ys = new int[batch][];
            double[][] returns = new double[batch][];
            double[][] tokenLogps = new double[batch][length];
            for (int b = 0; b < batch; b++) {
                ys[b] = sample(theta, r);
                double[] dpoTok = new double[length];
                double[] refTok = new double[length];
                for (int t = 0; t < length; t++) {
                    dpoTok[t] = dpoLogp[t][ys[b][t]];
                    refTok[t] = refLogp[t][ys[b][t]];
                    tokenLogps[b][t] = logp[t][ys[b][t]];
                }
                double[] rewards = shaper.rewards(dpoTok, refTok, tokenLogps[b], trueReward(ys[b]));
                returns[b] = returnsToGo.compute(rewards, new double[length]).returns();
            }
            double[][] advantages = new double[batch][length];
            for (int t = 0; t < length; t++) {
                double mean = 0;
                for (int b = 0; b < batch; b++) {
                    mean += returns[b][t] / batch;
                }
                for (int b = 0; b < batch; b++) {
                    advantages[b][t] = returns[b][t] - mean;
                }
            }
            double[][] dLogp = TokenLossGradient.of(policyLoss, tokenLogps, advantages);
            double[][] grad = new double[length][vocab];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < length; t++) {
                    Categorical.addLogProbGradient(grad[t], logp[t], ys[b][t], dLogp[b][t]);
                }
            }
            step(theta, grad, lr * length);
            curve[it] = expectedReward(theta);
        }
        return curve;
    }

    private double[] sequenceLogps(double[][] logits, int[][] ys) {
        double[][] logp = logSoftmax(logits);
        double[] out = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            for (int t = 0; t < length; t++) {
                out[i] += logp[t][ys[i][t]];
            }
        }
        return out;
    }

    private int[] sample(double[][] logits, Random r) {
        int[] y = new int[length];
        for (int t = 0; t < length; t++) {
            y[t] = Categorical.sample(Categorical.softmax(logits[t]), r);
        }
        return y;
    }

    private static double[][] logSoftmax(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            out[t] = Categorical.logSoftmax(logits[t]);
        }
        return out;
    }

    private static void step(double[][] theta, double[][] grad, double lr) {
        for (int t = 0; t < theta.length; t++) {
            for (int a = 0; a < theta[t].length; a++) {
                theta[t][a] -= lr * grad[t][a];
            }
        }
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
