package dev.losslab.lab.fusion;

import dev.losslab.lab.classifier.Argmax;

/**
 * Greedy decoding with logit fusion (paper 18): at every step the large base, the small base and
 * each small expert give next-token logits for the prefix, the {@link AlphaSolver} picks that
 * step's weights (they are not shared across steps), and the next token is argmax of the fused
 * logits. For a classifier, one "step" is one sample.
 */
public final class FusedGreedyDecoder {
    /** A model's next-token logits after a prefix of token ids. */
    @FunctionalInterface
    public interface NextToken {
        double[] logits(int[] prefix);
    }

    /** The generated tokens and the weights chosen at each step. */
    public record Decoded(int[] tokens, double[][] alphas) {}

    private final NextToken large;
    private final NextToken small;
    private final NextToken[] experts;
    private final AlphaSolver solver;

    public FusedGreedyDecoder(NextToken large, NextToken small, NextToken[] experts, AlphaSolver solver) {
        if (experts.length == 0) {
            throw new IllegalArgumentException("experts: at least one fine-tuned small model is needed");
        }
        this.large = large;
        this.small = small;
        this.experts = experts.clone();
        this.solver = solver;
    }

    /** Appends {@code steps} tokens to {@code prompt} greedily. */
    public Decoded decode(int[] prompt, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be ≥ 0, got " + steps);
        }
        int[] tokens = java.util.Arrays.copyOf(prompt, prompt.length + steps);
        double[][] alphas = new double[steps][];
        for (int k = 0; k < steps; k++) {
            int[] prefix = java.util.Arrays.copyOf(tokens, prompt.length + k);
            double[] zl = large.logits(prefix);
            double[] zs = small.logits(prefix);
            double[][] ze = new double[experts.length][];
            for (int i = 0; i < ze.length; i++) {
                ze[i] = experts[i].logits(prefix);
            }
            alphas[k] = solver.solve(zl, zs, ze);
            tokens[prompt.length + k] = Argmax.of(LogitArithmetic.fuse(zl, zs, ze, alphas[k]));
        }
        return new Decoded(java.util.Arrays.copyOfRange(tokens, prompt.length, tokens.length), alphas);
    }
}
