package dev.losslab.lab.lm;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.model.CharLm;
import java.util.Arrays;
import java.util.Random;

/**
 * Autoregressive sampling from a {@link CharLm}: at each step the next character is drawn from
 * softmax(logits / temperature) restricted to the {@code topK} most likely characters (0 = all).
 */
public final class Sampler {
    private final double temperature;
    private final int topK;

    public Sampler(double temperature, int topK) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new InvalidArgumentException("temperature", "must be a finite number > 0, got " + temperature);
        }
        if (topK < 0) {
            throw new InvalidArgumentException("top_k", "must be ≥ 0 (0 = no restriction), got " + topK);
        }
        this.temperature = temperature;
        this.topK = topK;
    }

    /** One completion of {@code length} characters for each prompt (character ids). */
    public int[][] complete(CharLm lm, int[][] prompts, int length, int pad, Random r) {
        int k = lm.context();
        int[][] out = new int[prompts.length][length];
        for (int t = 0; t < length; t++) {
            float[][] x = new float[prompts.length][k];
            for (int i = 0; i < prompts.length; i++) {
                for (int c = 0; c < k; c++) {
                    int back = k - c;
                    int at = t - back;
                    x[i][c] = at >= 0 ? out[i][at] : (prompts[i].length + at >= 0 ? prompts[i][prompts[i].length + at] : pad);
                }
            }
            double[][] lp = lm.nextLogProbs(x);
            for (int i = 0; i < prompts.length; i++) {
                out[i][t] = draw(lp[i], r);
            }
        }
        return out;
    }

    private int draw(double[] logp, Random r) {
        double cut = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logp.length) {
            double[] sorted = logp.clone();
            Arrays.sort(sorted);
            cut = sorted[sorted.length - topK];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logp) {
            max = Math.max(max, v);
        }
        double[] w = new double[logp.length];
        double z = 0;
        for (int a = 0; a < w.length; a++) {
            w[a] = logp[a] >= cut ? Math.exp((logp[a] - max) / temperature) : 0;
            z += w[a];
        }
        double u = r.nextDouble() * z;
        double c = 0;
        for (int a = 0; a < w.length; a++) {
            c += w[a];
            if (u < c) {
                return a;
            }
        }
        return w.length - 1;
    }
}
