package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.losslab.core.HostArrays;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A small character-level causal language model: the k previous characters, one-hot encoded
 * (k·V inputs), through a tanh MLP to next-character logits (V outputs). {@link #logits()} maps
 * context rows [N, k] (character ids as floats) to logits [N, V]; {@link #sequenceLogProbs()} maps
 * encoded completions [P, L·(k + 2)] ({@link SequenceLogProbBlock}) to their summed log-probs [P],
 * sharing the same parameters. Weights are drawn in Java from the seed (LeCun normal), biases 0.
 */
public final class CharLm {
    private final int vocab;
    private final int context;
    private final int[] hidden;
    private final SequentialBlock logits;
    private final SequenceLogProbBlock sequences;
    private final NDManager manager;
    private final ParameterStore store;

    private CharLm(NDManager manager, int vocab, int context, int[] hidden, long seed) {
        this.vocab = vocab;
        this.context = context;
        this.hidden = hidden.clone();
        this.manager = manager;
        SequentialBlock mlp = Mlp.create(manager, context * vocab, hidden, vocab, Mlp.Init.LECUN_NORMAL, seed, Activation::tanh, true);
        logits = new SequentialBlock().add(new LambdaBlock(list -> {
            NDArray ids = list.singletonOrThrow().toType(DataType.INT64, false);
            return new NDList(ids.oneHot(vocab, DataType.FLOAT32).reshape(ids.getShape().get(0), (long) context * vocab));
        })).add(mlp);
        logits.initialize(manager, DataType.FLOAT32, new Shape(1, context));
        sequences = new SequenceLogProbBlock(logits, context);
        store = new ParameterStore(manager, false);
    }

    /** A model over {@code vocab} characters with {@code context} characters of context and tanh layers {@code hidden}. */
    public static CharLm create(NDManager manager, int vocab, int context, int[] hidden, long seed) {
        return new CharLm(manager, vocab, context, hidden, seed);
    }

    /** A copy with the same weights on {@code target} (a frozen reference, or a checkpoint to keep). */
    public CharLm copy(NDManager target) {
        CharLm c = new CharLm(target, vocab, context, hidden, 0);
        var from = logits.getParameters().values();
        var to = c.logits.getParameters().values();
        for (int i = 0; i < from.size(); i++) {
            ParameterValues.assign(to.get(i).getArray(), from.get(i).getArray().toFloatArray());
        }
        return c;
    }

    public int vocab() {
        return vocab;
    }

    public int context() {
        return context;
    }

    /** Context rows [N, k] → next-character logits [N, V]. */
    public Block logits() {
        return logits;
    }

    /** Encoded completions [P, L·(k + 2)] → summed log-probs [P] ({@link SequenceLogProbBlock#encode}). */
    public Block sequenceLogProbs() {
        return sequences;
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Next-character log-probs for context rows [N][k], without gradients. */
    public double[][] nextLogProbs(float[][] contexts) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray lp = logits.forward(store, new NDList(HostArrays.float32(scope, contexts)), false).singletonOrThrow().logSoftmax(1);
            float[] flat = lp.toFloatArray();
            double[][] out = new double[contexts.length][vocab];
            for (int i = 0; i < out.length; i++) {
                for (int v = 0; v < vocab; v++) {
                    out[i][v] = flat[i * vocab + v];
                }
            }
            return out;
        }
    }

    /** Summed log-probs of encoded completions, without gradients, in batches. */
    public double[] sequenceLogProbs(float[][] rows) {
        double[] out = new double[rows.length];
        for (int start = 0; start < rows.length; start += 256) {
            int end = Math.min(rows.length, start + 256);
            try (NDManager scope = manager.newSubManager()) {
                float[] lp = sequences.forward(store, new NDList(HostArrays.float32(scope, Arrays.copyOfRange(rows, start, end))), false)
                        .singletonOrThrow().toFloatArray();
                for (int i = start; i < end; i++) {
                    out[i] = lp[i - start];
                }
            }
        }
        return out;
    }

    /**
     * WPO's sequence weights (TRL's {@code use_weighting}, WPO paper eq. 2), without gradients: for each
     * encoded completion, exp of the mean over its tokens of log π(y_t) − log Σ_v π(v)², the token's
     * log-prob relative to the policy's own sampling distribution.
     */
    public double[] wpoWeights(float[][] rows) {
        int width = context + 2;
        java.util.List<float[]> contexts = new java.util.ArrayList<>();
        java.util.List<int[]> owners = new java.util.ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j * width < rows[i].length; j++) {
                int target = (int) rows[i][j * width + context];
                if (target >= 0) {
                    contexts.add(Arrays.copyOfRange(rows[i], j * width, j * width + context));
                    owners.add(new int[] {i, target});
                }
            }
        }
        double[][] lp = nextLogProbs(contexts.toArray(float[][]::new));
        double[] sum = new double[rows.length];
        int[] count = new int[rows.length];
        for (int n = 0; n < lp.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : lp[n]) {
                max = Math.max(max, 2 * v);
            }
            double z = 0;
            for (double v : lp[n]) {
                z += Math.exp(2 * v - max);
            }
            int i = owners.get(n)[0];
            sum[i] += lp[n][owners.get(n)[1]] - (max + Math.log(z));
            count[i]++;
        }
        double[] w = new double[rows.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(sum[i] / Math.max(1, count[i]));
        }
        return w;
    }

    /** Writes the architecture and weights (a checkpoint). */
    public void save(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(vocab);
        d.writeInt(context);
        d.writeInt(hidden.length);
        for (int h : hidden) {
            d.writeInt(h);
        }
        for (Pair<String, Parameter> p : logits.getParameters()) {
            float[] w = p.getValue().getArray().toFloatArray();
            d.writeInt(w.length);
            for (float x : w) {
                d.writeFloat(x);
            }
        }
        d.flush();
    }

    /** Reads a checkpoint written by {@link #save}. */
    public static CharLm load(NDManager manager, InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int vocab = d.readInt();
        int context = d.readInt();
        int[] hidden = new int[d.readInt()];
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = d.readInt();
        }
        CharLm lm = new CharLm(manager, vocab, context, hidden, 0);
        for (Pair<String, Parameter> p : lm.logits.getParameters()) {
            float[] w = new float[d.readInt()];
            if (w.length != p.getValue().getArray().getShape().size()) {
                throw new IOException("checkpoint does not match the architecture at " + p.getKey());
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = d.readFloat();
            }
            ParameterValues.assign(p.getValue().getArray(), w);
        }
        return lm;
    }
}
