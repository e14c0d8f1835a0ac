package dev.losslab.lab.policy;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.lab.preference.Categorical;
import dev.losslab.lab.preference.PairLossGradient;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Paper 47's didactic one-state bandit (spec 47's laptop version): 100 actions, a smooth
 * heavy-tailed reference π_ref(a) ∝ 1/(1 + ((a − 20)/8)²), a tabular-logit policy started at
 * log π_ref, and a reward whose peak is either far from the reference mode (R1, a = 70) or at it
 * (R2, a = 20). Each step draws N actions (offline: cycling through batches drawn once from π_ref;
 * on-policy: fresh from π) and descends one objective's gradient, computed by a registered loss
 * and chained to the logits.
 */
public final class CategoricalBandit {
    public static final int ACTIONS = 100;

    /** The fine-tuning objectives of spec 47. */
    public enum Method {
        /** −log π(a_best) through the registered cross-entropy (maximum likelihood, no negative gradient). */
        BEST_OF_N,
        /** The registered dpo on the batch's (best, worst) pair (a negative gradient). */
        DPO,
        /** REINFORCE with the batch-mean baseline through the registered grpo (on-policy, ρ = 1). */
        REINFORCE
    }

    private final double[] refLogp;
    private final IntToDoubleFunction reward;

    public CategoricalBandit(IntToDoubleFunction reward) {
        double[] w = new double[ACTIONS];
        double z = 0;
        for (int a = 0; a < ACTIONS; a++) {
            double u = (a - 20) / 8.0;
            w[a] = 1 / (1 + u * u);
            z += w[a];
        }
        refLogp = new double[ACTIONS];
        for (int a = 0; a < ACTIONS; a++) {
            refLogp[a] = Math.log(w[a] / z);
        }
        this.reward = reward;
    }

    /** R1(a) = exp(−((a − 70)/10)²), peak in a low-likelihood region of π_ref. */
    public static double notAligned(int a) {
        return Math.exp(-Math.pow((a - 70) / 10.0, 2));
    }

    /** R2(a) = exp(−((a − 20)/10)²), peak at π_ref's mode. */
    public static double aligned(int a) {
        return Math.exp(-Math.pow((a - 20) / 10.0, 2));
    }

    /** E_π[R] for logits z. */
    public double value(double[] logits) {
        double[] p = Categorical.softmax(logits);
        double v = 0;
        for (int a = 0; a < ACTIONS; a++) {
            v += p[a] * reward.applyAsDouble(a);
        }
        return v;
    }

    public double[] referenceLogits() {
        return refLogp.clone();
    }

    /**
     * Final logits after {@code steps} steps of size {@code lr} of {@code method} with batches of {@code n};
     * offline methods cycle through {@code offlineBatches} batches drawn once from π_ref.
     */
    public double[] train(Method method, Objective loss, boolean onPolicy, int steps, int n, int offlineBatches, double lr, Random r) {
        double[] z = refLogp.clone();
        int[][] fixed = new int[offlineBatches][];
        double[] refP = Categorical.softmax(refLogp);
        for (int b = 0; b < offlineBatches && !onPolicy; b++) {
            fixed[b] = sample(refP, n, r);
        }
        for (int t = 0; t < steps; t++) {
            int[] batch = onPolicy ? sample(Categorical.softmax(z), n, r) : fixed[t % offlineBatches];
            double[] grad = gradient(method, loss, z, batch);
            for (int a = 0; a < ACTIONS; a++) {
                z[a] -= lr * grad[a];
            }
        }
        return z;
    }

    private double[] gradient(Method method, Objective loss, double[] z, int[] batch) {
        int best = batch[0];
        int worst = batch[0];
        for (int a : batch) {
            best = reward.applyAsDouble(a) > reward.applyAsDouble(best) ? a : best;
            worst = reward.applyAsDouble(a) < reward.applyAsDouble(worst) ? a : worst;
        }
        double[] logp = Categorical.logSoftmax(z);
        double[] grad = new double[ACTIONS];
        switch (method) {
            case BEST_OF_N:
                return logitGradient(loss, z, best);
            case DPO: {
                PairLossGradient g = PairLossGradient.of(loss, Map.of(POLICY_CHOSEN_LOGPS, new double[] {logp[best]},
                        POLICY_REJECTED_LOGPS, new double[] {logp[worst]}, REF_CHOSEN_LOGPS, new double[] {refLogp[best]},
                        REF_REJECTED_LOGPS, new double[] {refLogp[worst]}));
                Categorical.addLogProbGradient(grad, logp, best, g.chosen()[0]);
                Categorical.addLogProbGradient(grad, logp, worst, g.rejected()[0]);
                return grad;
            }
            default: {
                double mean = 0;
                for (int a : batch) {
                    mean += reward.applyAsDouble(a) / batch.length;
                }
                double[][] lp = new double[batch.length][1];
                double[] adv = new double[batch.length];
                for (int k = 0; k < batch.length; k++) {
                    lp[k][0] = logp[batch[k]];
                    adv[k] = reward.applyAsDouble(batch[k]) - mean;
                }
                double[][] dLogp = TokenLossGradient.of(loss, lp, adv);
                for (int k = 0; k < batch.length; k++) {
                    Categorical.addLogProbGradient(grad, logp, batch[k], dLogp[k][0]);
                }
                return grad;
            }
        }
    }

    /** ∂loss/∂z for one sample with label {@code label} (a classification loss on logits [1, K]). */
    private static double[] logitGradient(Objective loss, double[] z, int label) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(z).reshape(1, z.length);
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.perSample(Inputs.of(Map.of(LOGITS, logits, LABELS, m.create(new long[] {label})))).mean());
                return logits.getGradient().toDoubleArray();
            }
        }
    }

    private static int[] sample(double[] p, int n, Random r) {
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = Categorical.sample(p, r);
        }
        return out;
    }
}
