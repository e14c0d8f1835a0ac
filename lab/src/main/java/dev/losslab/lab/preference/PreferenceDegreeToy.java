package dev.losslab.lab.preference;

import static dev.losslab.core.InputNames.DEGREE_LABELS;
import static dev.losslab.core.InputNames.DEGREE_LOGITS;
import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;
import static dev.losslab.core.InputNames.REF_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.REF_REJECTED_LOGPS;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.Spo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Spec 59's token toy for SPO's mechanics: 30 tokens of which 10 are "key", responses of 8 tokens,
 * true quality = the number of key tokens. The policy embeds tokens (E, 30 × 16) and scores them with
 * a shared vector (logits E·u + b), log π(y) = Σ_t log softmax(E·u + b)[y_t]; the degree head reads
 * the mean-pooled embedding of a response, logits = mean_t E[y_t]·W + c (K = 3 classes), so the
 * degree loss shapes the policy's embeddings. Pairs (y_w has more key tokens), degree variants of
 * y_w (round(k/2·m) of its m key tokens replaced by random fillers), reference = the initial policy.
 */
public final class PreferenceDegreeToy {
    static final int VOCAB = 30;
    static final int KEY = 10;
    static final int LENGTH = 8;
    static final int DIM = 16;
    public static final int DEGREES = 3;

    /** Pairs of responses (token ids), the chosen one with more key tokens. */
    public record Pairs(int[][] chosen, int[][] rejected) {}

    /** Degree variants of chosen responses with their labels and the pair each comes from. */
    public record Variants(int[][] tokens, int[] degrees, int[] owners) {}

    private PreferenceDegreeToy() {}

    static int keys(int[] y) {
        int n = 0;
        for (int t : y) {
            n += t < KEY ? 1 : 0;
        }
        return n;
    }

    private static int[] response(Random r) {
        int[] y = new int[LENGTH];
        for (int t = 0; t < LENGTH; t++) {
            y[t] = r.nextDouble() < 0.3 ? r.nextInt(KEY) : KEY + r.nextInt(VOCAB - KEY);
        }
        return y;
    }

    /** {@code n} pairs with differing key counts. */
    public static Pairs pairs(int n, Random r) {
        int[][] c = new int[n][];
        int[][] l = new int[n][];
        for (int i = 0; i < n; i++) {
            int[] a;
            int[] b;
            do {
                a = response(r);
                b = response(r);
            } while (keys(a) == keys(b));
            c[i] = keys(a) > keys(b) ? a : b;
            l[i] = keys(a) > keys(b) ? b : a;
        }
        return new Pairs(c, l);
    }

    /** The K variants of each chosen response with at least one key token. */
    public static Variants variants(int[][] chosen, Random r) {
        java.util.List<int[]> tokens = new java.util.ArrayList<>();
        java.util.List<Integer> degrees = new java.util.ArrayList<>();
        java.util.List<Integer> owners = new java.util.ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            int[] y = chosen[i];
            java.util.List<Integer> keyPositions = new java.util.ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                if (y[t] < KEY) {
                    keyPositions.add(t);
                }
            }
            int m = keyPositions.size();
            if (m == 0) {
                continue;
            }
            java.util.Collections.shuffle(keyPositions, r);
            for (int k = 0; k < DEGREES; k++) {
                int[] v = y.clone();
                int remove = (int) Math.round((double) k / (DEGREES - 1) * m);
                for (int j = 0; j < remove; j++) {
                    v[keyPositions.get(j)] = KEY + r.nextInt(VOCAB - KEY);
                }
                tokens.add(v);
                degrees.add(k);
                owners.add(i);
            }
        }
        return new Variants(tokens.toArray(int[][]::new), degrees.stream().mapToInt(Integer::intValue).toArray(),
                owners.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The policy and degree-head parameters, trained with Adam. */
    public static final class Model implements AutoCloseable {
        private final NDManager m = NDManager.newBaseManager();
        final NDArray e;
        final NDArray u;
        final NDArray b;
        final NDArray w;
        final NDArray c;
        private final NDArray[] all;
        private final Optimizer adam;

        /** Parameters drawn from {@code seed}: E, u ~ N(0, 0.1²), W ~ N(0, 0.1²), b = c = 0. */
        public Model(long seed, double lr) {
            Random r = new Random(seed);
            e = param(gaussian(r, VOCAB * DIM), VOCAB, DIM);
            u = param(gaussian(r, DIM), DIM);
            b = param(new float[VOCAB], VOCAB);
            w = param(gaussian(r, DIM * DEGREES), DIM, DEGREES);
            c = param(new float[DEGREES], DEGREES);
            all = new NDArray[] {e, u, b, w, c};
            adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build();
        }

        private static float[] gaussian(Random r, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (0.1 * r.nextGaussian());
            }
            return v;
        }

        private NDArray param(float[] v, long... shape) {
            NDArray a = m.create(v, new ai.djl.ndarray.types.Shape(shape)).duplicate();
            a.setRequiresGradient(true);
            return a;
        }

        /** log π(y) [n] for token counts [n, V]. */
        NDArray logProbs(NDArray counts) {
            NDArray logp = e.matMul(u.reshape(DIM, 1)).reshape(VOCAB).add(b).logSoftmax(0);
            return counts.matMul(logp.reshape(VOCAB, 1)).reshape(-1);
        }

        /** Degree-head logits [n, K] for token counts [n, V]. */
        NDArray degreeLogits(NDArray counts) {
            return counts.div(counts.sum(new int[] {1}, true)).matMul(e).matMul(w).add(c);
        }

        /** Host copies of every parameter, in a fixed order. */
        public float[][] parameters() {
            float[][] out = new float[all.length][];
            for (int i = 0; i < all.length; i++) {
                out[i] = all[i].toFloatArray();
            }
            return out;
        }

        /** Log-probs of responses without gradients. */
        public double[] logProbs(int[][] ys) {
            try (NDManager s = m.newSubManager()) {
                float[] v = logProbs(counts(s, ys)).toFloatArray();
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    out[i] = v[i];
                }
                return out;
            }
        }

        /** The degree head's accuracy and mean cross-entropy on {@code variants}. */
        public double[] degreeAccuracyAndLoss(Variants variants) {
            try (NDManager s = m.newSubManager()) {
                NDArray z = degreeLogits(counts(s, variants.tokens()));
                float[] logits = z.toFloatArray();
                int right = 0;
                for (int i = 0; i < variants.degrees().length; i++) {
                    int best = 0;
                    for (int k = 1; k < DEGREES; k++) {
                        best = logits[i * DEGREES + k] > logits[i * DEGREES + best] ? k : best;
                    }
                    right += best == variants.degrees()[i] ? 1 : 0;
                }
                double loss = Spo.degreeLoss(z, HostArrays.int64(s, variants.degrees())).getFloat();
                return new double[] {(double) right / variants.degrees().length, loss};
            }
        }

        /**
         * One Adam step on {@code loss} over the pairs {@code ids} (reference log-probs {@code ref}); the
         * degree inputs are given when the loss reads them (the variants of the same pairs' chosen responses).
         */
        void step(Objective loss, Pairs pairs, double[][] ref, Variants variants, int[] ids, int[] variantIds) {
            try (NDManager s = m.newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    Map<String, NDArray> in = new LinkedHashMap<>();
                    in.put(POLICY_CHOSEN_LOGPS, logProbs(counts(s, rows(pairs.chosen(), ids))));
                    in.put(POLICY_REJECTED_LOGPS, logProbs(counts(s, rows(pairs.rejected(), ids))));
                    in.put(REF_CHOSEN_LOGPS, HostArrays.float32(s, pick(ref[0], ids)));
                    in.put(REF_REJECTED_LOGPS, HostArrays.float32(s, pick(ref[1], ids)));
                    if (loss.inputs().stream().anyMatch(spec -> spec.name().equals(DEGREE_LOGITS))) {
                        in.put(DEGREE_LOGITS, degreeLogits(counts(s, rows(variants.tokens(), variantIds))));
                        int[] labels = new int[variantIds.length];
                        for (int i = 0; i < labels.length; i++) {
                            labels[i] = variants.degrees()[variantIds[i]];
                        }
                        in.put(DEGREE_LABELS, HostArrays.int64(s, labels));
                    }
                    gc.backward(loss.perSample(Inputs.of(in)).mean());
                }
                for (int i = 0; i < all.length; i++) {
                    try (NDArray g = all[i].getGradient()) {
                        adam.update("p" + i, all[i], g.getDataType() == all[i].getDataType() ? g : g.toType(all[i].getDataType(), false));
                    }
                }
            }
        }

        private static NDArray counts(NDManager s, int[][] ys) {
            float[][] c = new float[ys.length][VOCAB];
            for (int i = 0; i < ys.length; i++) {
                for (int t : ys[i]) {
                    c[i][t]++;
                }
            }
            return HostArrays.float32(s, c);
        }

        @Override
        public void close() {
            m.close();
        }
    }

    /**
     * Trains {@code model} for {@code steps} Adam steps of {@code batch} pairs (and, for a degree-aware
     * loss, the variants of those pairs' chosen responses) drawn from {@code seed}.
     */
    public static void train(Model model, Objective loss, Pairs pairs, Variants variants, int steps, int batch, long seed) {
        int[] variantOwner = variants.owners();
        double[][] ref = {model.logProbs(pairs.chosen()), model.logProbs(pairs.rejected())};
        Random r = new Random(seed);
        for (int step = 0; step < steps; step++) {
            int[] ids = new int[batch];
            java.util.Set<Integer> chosenIds = new java.util.HashSet<>();
            for (int i = 0; i < batch; i++) {
                ids[i] = r.nextInt(pairs.chosen().length);
                chosenIds.add(ids[i]);
            }
            int[] variantIds = java.util.stream.IntStream.range(0, variantOwner.length).filter(j -> chosenIds.contains(variantOwner[j])).toArray();
            if (variantIds.length == 0) {
                variantIds = new int[] {r.nextInt(variantOwner.length)};
            }
            model.step(loss, pairs, ref, variants, ids, variantIds);
        }
    }

    /** The share of pairs whose implicit reward margin under {@code model} (against {@code reference}) is positive. */
    public static double preferenceAccuracy(Model model, double[][] reference, Pairs pairs) {
        double[] c = model.logProbs(pairs.chosen());
        double[] l = model.logProbs(pairs.rejected());
        int right = 0;
        for (int i = 0; i < c.length; i++) {
            right += (c[i] - reference[0][i]) - (l[i] - reference[1][i]) > 0 ? 1 : 0;
        }
        return (double) right / c.length;
    }

    private static int[][] rows(int[][] x, int[] ids) {
        int[][] out = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = x[ids[i]];
        }
        return out;
    }

    private static float[] pick(double[] v, int[] ids) {
        float[] out = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (float) v[ids[i]];
        }
        return out;
    }
}
