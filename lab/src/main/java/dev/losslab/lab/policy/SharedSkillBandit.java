package dev.losslab.lab.policy;


import dev.losslab.core.Objective;
import dev.losslab.core.policy.GroupRelativeAdvantage;
import dev.losslab.lab.preference.Categorical;
import java.util.Random;

/**
 * Spec 60's toy for one-example RLVR: P prompts with K candidate answers each, one correct answer
 * c_i and four "well-formatted" answers (always including c_i). The policy for prompt i is
 * softmax(q_i + w·f_i (+ v for the training prompt 0)), with fixed prompt-specific scores
 * q_{i,a} ~ N(0, 0.5²) + 1[a = c_i], the format indicators f_i, a shared skill w (initially −1.5)
 * and prompt-0 offsets v (initially 0). Training samples only prompt 0; generalisation to the other
 * prompts can flow only through w.
 */
public final class SharedSkillBandit {
    static final int PROMPTS = 50;
    static final int ANSWERS = 8;
    static final int FORMATTED = 4;

    private final double[][] q = new double[PROMPTS][ANSWERS];
    private final double[][] format = new double[PROMPTS][ANSWERS];
    private final int[] correct = new int[PROMPTS];
    private double w = -1.5;
    private final double[] v = new double[ANSWERS];

    /** A bandit drawn from {@code r}: correct answers, formats and prompt scores. */
    public SharedSkillBandit(Random r) {
        for (int i = 0; i < PROMPTS; i++) {
            correct[i] = r.nextInt(ANSWERS);
            format[i][correct[i]] = 1;
            int marked = 1;
            while (marked < FORMATTED) {
                int a = r.nextInt(ANSWERS);
                if (format[i][a] == 0) {
                    format[i][a] = 1;
                    marked++;
                }
            }
            for (int a = 0; a < ANSWERS; a++) {
                q[i][a] = 0.5 * r.nextGaussian() + (a == correct[i] ? 1.0 : 0.0);
            }
        }
    }

    /** log π(· | prompt i). */
    double[] logPolicy(int i) {
        double[] z = new double[ANSWERS];
        for (int a = 0; a < ANSWERS; a++) {
            z[a] = q[i][a] + w * format[i][a] + (i == 0 ? v[a] : 0);
        }
        return Categorical.logSoftmax(z);
    }

    /** Train accuracy: π(c_0 | prompt 0). */
    public double trainAccuracy() {
        return Math.exp(logPolicy(0)[correct[0]]);
    }

    /** Test accuracy: the mean over prompts 1..P−1 of π(c_i | prompt i). */
    public double testAccuracy() {
        double sum = 0;
        for (int i = 1; i < PROMPTS; i++) {
            sum += Math.exp(logPolicy(i)[correct[i]]);
        }
        return sum / (PROMPTS - 1);
    }

    /** What one GRPO step measured. */
    public record Step(int identicalGroups, double maxGradientOfIdenticalGroups) {}

    /**
     * One on-policy GRPO step on prompt 0: {@code groups} copies × G samples, rewards 1[a = c_0],
     * advantages from {@code advantage}, the gradient of {@code loss} (one token per response, so
     * its token mean is the sample mean) chained to (w, v) and a descent step of size {@code lr};
     * {@code shareSkill} false freezes w.
     */
    public Step grpoStep(Objective loss, GroupRelativeAdvantage advantage, int groups, int g, double lr, boolean shareSkill, Random r) {
        double[] logp = logPolicy(0);
        double[] p = Categorical.softmax(logPolicy(0));
        int n = groups * g;
        int[] answers = new int[n];
        double[] rewards = new double[n];
        double[] sampledLogps = new double[n];
        for (int j = 0; j < n; j++) {
            answers[j] = Categorical.sample(p, r);
            rewards[j] = answers[j] == correct[0] ? 1 : 0;
            sampledLogps[j] = logp[answers[j]];
        }
        double[] adv = advantage.advantages(rewards);
        double[][] column = new double[n][1];
        for (int j = 0; j < n; j++) {
            column[j][0] = sampledLogps[j];
        }
        double[][] grads = TokenLossGradient.of(loss, column, adv);
        double[] dLogp = new double[n];
        for (int j = 0; j < n; j++) {
            dLogp[j] = grads[j][0];
        }
        int identical = 0;
        double maxIdentical = 0;
        for (int k = 0; k < groups; k++) {
            boolean same = true;
            for (int j = k * g + 1; j < (k + 1) * g; j++) {
                same &= rewards[j] == rewards[k * g];
            }
            if (same) {
                identical++;
                for (int j = k * g; j < (k + 1) * g; j++) {
                    maxIdentical = Math.max(maxIdentical, Math.abs(dLogp[j]));
                }
            }
        }
        double meanFormat = 0;
        for (int a = 0; a < ANSWERS; a++) {
            meanFormat += p[a] * format[0][a];
        }
        double gw = 0;
        double[] gv = new double[ANSWERS];
        for (int j = 0; j < n; j++) {
            gw += dLogp[j] * (format[0][answers[j]] - meanFormat);
            Categorical.addLogProbGradient(gv, logp, answers[j], dLogp[j]);
        }
        if (shareSkill) {
            w -= lr * gw;
        }
        for (int a = 0; a < ANSWERS; a++) {
            v[a] -= lr * gv[a];
        }
        return new Step(identical, maxIdentical);
    }
}
