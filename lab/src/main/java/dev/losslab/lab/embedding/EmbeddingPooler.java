package dev.losslab.lab.embedding;

/**
 * Sentence vectors from token vectors (paper 25, spec 25): the mean over a sentence's tokens, used
 * for non-contextual tables (FastText, BERT's input embedding layer) and for contextual last-layer
 * states, or the first token's vector ([CLS]).
 */
public enum EmbeddingPooler {
    /** (1/T)·Σ_t e_t. */
    MEAN,
    /** e_0, the [CLS] position. */
    FIRST;

    /** Pools one sentence's token vectors [T][D] (T ≥ 1, equal D). */
    public double[] pool(double[][] tokens) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("tokens: a sentence needs at least one token vector");
        }
        int d = tokens[0].length;
        if (this == FIRST) {
            return tokens[0].clone();
        }
        double[] out = new double[d];
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t].length != d) {
                throw new IllegalArgumentException("tokens: row " + t + " has " + tokens[t].length + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                out[j] += tokens[t][j] / tokens.length;
            }
        }
        return out;
    }

    /** Looks up each token id in a table [V][D] and pools the vectors. */
    public double[] pool(double[][] table, int[] tokenIds) {
        double[][] tokens = new double[tokenIds.length][];
        for (int t = 0; t < tokenIds.length; t++) {
            if (tokenIds[t] < 0 || tokenIds[t] >= table.length) {
                throw new IllegalArgumentException("tokenIds: id " + tokenIds[t] + " outside the table's [0, " + table.length + ")");
            }
            tokens[t] = table[tokenIds[t]];
        }
        return pool(tokens);
    }
}
