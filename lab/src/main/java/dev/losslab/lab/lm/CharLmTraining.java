package dev.losslab.lab.lm;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.lab.model.CharLm;
import dev.losslab.train.Targets;
import dev.losslab.train.Training;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Supervised next-character training (SFT) of a {@link CharLm} on a corpus: each step draws
 * {@code batch} random positions, their k-character contexts (padded before the start) and the
 * next characters, and takes one Adam step on LossLab's {@code cross-entropy} through
 * {@link Training}.
 */
public final class CharLmTraining {
    private CharLmTraining() {}

    /** Trains {@code lm} for {@code steps} steps; returns the mean loss of the last 10% of steps. */
    public static double sft(CharLm lm, int[] corpus, int pad, int steps, int batch, double lr, Random r, IntConsumer progress) {
        Training training = new Training(lm.logits(), new CrossEntropy(), Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build(),
                lm.manager());
        int k = lm.context();
        int[] ids = new int[batch];
        for (int i = 0; i < batch; i++) {
            ids[i] = i;
        }
        double tail = 0;
        int tailSteps = Math.max(1, steps / 10);
        for (int s = 0; s < steps; s++) {
            float[][] x = new float[batch][k];
            int[] y = new int[batch];
            for (int i = 0; i < batch; i++) {
                int p = 1 + r.nextInt(corpus.length - 1);
                for (int c = 0; c < k; c++) {
                    int at = p - k + c;
                    x[i][c] = at >= 0 ? corpus[at] : pad;
                }
                y[i] = corpus[p];
            }
            float loss = training.step(0, x, Targets.labels(y), ids, (e, b, per, l) -> {});
            if (s >= steps - tailSteps) {
                tail += loss / tailSteps;
            }
            progress.accept(s + 1);
        }
        return tail;
    }

    /** Mean next-character cross-entropy (nats) of {@code lm} on the positions of {@code text} from k on. */
    public static double crossEntropy(CharLm lm, int[] text, int pad) {
        int k = lm.context();
        double total = 0;
        int n = 0;
        for (int start = 1; start < text.length; start += 1024) {
            int end = Math.min(text.length, start + 1024);
            float[][] x = new float[end - start][k];
            for (int p = start; p < end; p++) {
                for (int c = 0; c < k; c++) {
                    int at = p - k + c;
                    x[p - start][c] = at >= 0 ? text[at] : pad;
                }
            }
            double[][] lp = lm.nextLogProbs(x);
            for (int p = start; p < end; p++) {
                total -= lp[p - start][text[p]];
                n++;
            }
        }
        return total / n;
    }
}
