package dev.losslab.lab.lm;

import ai.djl.ndarray.NDManager;
import dev.losslab.core.Objective;
import dev.losslab.lab.model.CharLm;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * End-to-end preference alignment of a small character-level language model, the LLM pipeline in
 * miniature: SFT of a {@link CharLm} on a corpus; preference pairs made by sampling two completions
 * per prompt from the SFT model and labelling them with a programmatic true reward (the share of
 * vowels among the completion's letters), a share of the labels optionally flipped; preference
 * fine-tuning from the SFT model (the frozen reference) with a registered loss; and evaluation of
 * the true reward and of the KL to the reference on completions sampled for held-out prompts.
 */
public final class TinyLmAlignment {

    /** The protocol's sizes. */
    public record Settings(int context, int[] hidden, int sftSteps, int sftBatch, double sftLr, int pairs, int promptLength,
            int completionLength, int epochs, int batch, double lr, int evalPrompts) {}

    /** One alignment arm: a loss and the share of flipped labels it trains on. */
    public record Arm(String name, Objective loss, double flipShare) {}

    /**
     * What one seed measured.
     *
     * @param sftCrossEntropy held-out next-character cross-entropy of the SFT model (nats)
     * @param sftReward mean true reward of the SFT model's completions of the evaluation prompts
     * @param pairs pairs kept (ties dropped)
     * @param reward per arm, the aligned model's mean true reward on the same prompts
     * @param kl per arm, the mean of log π(y) − log π_ref(y) over those completions
     * @param rewardAccuracy per arm, the share of training pairs (as labelled) with a positive implicit reward margin at the end
     */
    public record Result(double sftCrossEntropy, double sftReward, int pairs, double[] reward, double[] kl, double[] rewardAccuracy) {}

    private final Settings s;

    public TinyLmAlignment(Settings settings) {
        this.s = settings;
    }

    /** The true reward: the share of vowels (a, e, i, o, u, either case) among the letters of {@code text}; 0 without letters. */
    public static double vowelShare(String text) {
        int letters = 0;
        int vowels = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (Character.isLetter(c)) {
                letters++;
                vowels += "aeiou".indexOf(c) >= 0 ? 1 : 0;
            }
        }
        return letters == 0 ? 0 : (double) vowels / letters;
    }

    /** Runs the protocol on {@code text} for one seed; {@code progress} counts SFT steps, then one unit per arm epoch. */
    public Result run(String text, List<Arm> arms, long seed, IntConsumer progress) {
        CharVocabulary vocab = CharVocabulary.of(text);
        int[] ids = vocab.encode(text);
        int split = ids.length * 9 / 10;
        int[] train = java.util.Arrays.copyOfRange(ids, 0, split);
        int[] heldOut = java.util.Arrays.copyOfRange(ids, split, ids.length);
        int pad = vocab.pad();
        Random r = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm sft = CharLm.create(m, vocab.size(), s.context(), s.hidden(), seed);
            CharLmTraining.sft(sft, train, pad, s.sftSteps(), s.sftBatch(), s.sftLr(), r, progress);
            double ce = CharLmTraining.crossEntropy(sft, java.util.Arrays.copyOf(heldOut, Math.min(heldOut.length, 20_000)), pad);
            Sampler sampler = new Sampler(1.0, 0);
            PreferencePairs pairs = labelledPairs(sft, vocab, train, sampler, r);
            int[][] evalPrompts = prompts(heldOut, s.evalPrompts(), r);
            long evalSeed = r.nextLong();
            double sftReward = meanReward(vocab, sampler.complete(sft, evalPrompts, s.completionLength(), pad, new Random(evalSeed)));
            boolean[][] flips = new boolean[arms.size()][];
            Random flipRng = new Random(r.nextLong());
            boolean[] noisy = new boolean[pairs.size()];
            double[] u = new double[pairs.size()];
            for (int i = 0; i < u.length; i++) {
                u[i] = flipRng.nextDouble();
            }
            double[] reward = new double[arms.size()];
            double[] kl = new double[arms.size()];
            double[] accuracy = new double[arms.size()];
            long trainSeed = r.nextLong();
            for (int a = 0; a < arms.size(); a++) {
                for (int i = 0; i < noisy.length; i++) {
                    noisy[i] = u[i] < arms.get(a).flipShare();
                }
                flips[a] = noisy.clone();
                try (NDManager armManager = m.newSubManager()) {
                    CharLm policy = sft.copy(armManager);
                    double[] last = new double[1];
                    new PreferenceTrainer(policy, arms.get(a).loss(), s.lr(), s.batch()).train(pairs.flipped(flips[a]), sft, s.epochs(), pad,
                            new Random(trainSeed), (e, measured) -> {
                                last[0] = measured.rewardAccuracy();
                                progress.accept(-1);
                            });
                    int[][] completions = sampler.complete(policy, evalPrompts, s.completionLength(), pad, new Random(evalSeed));
                    reward[a] = meanReward(vocab, completions);
                    PreferencePairs samples = new PreferencePairs(evalPrompts, completions, completions);
                    float[][] rows = samples.rows(true, s.context(), pad);
                    double[] lp = policy.sequenceLogProbs(rows);
                    double[] ref = sft.sequenceLogProbs(rows);
                    for (int i = 0; i < lp.length; i++) {
                        kl[a] += (lp[i] - ref[i]) / lp.length;
                    }
                    accuracy[a] = last[0];
                }
            }
            return new Result(ce, sftReward, pairs.size(), reward, kl, accuracy);
        }
    }

    private PreferencePairs labelledPairs(CharLm sft, CharVocabulary vocab, int[] train, Sampler sampler, Random r) {
        int[][] prompts = prompts(train, s.pairs(), r);
        int[][] a = sampler.complete(sft, prompts, s.completionLength(), vocab.pad(), r);
        int[][] b = sampler.complete(sft, prompts, s.completionLength(), vocab.pad(), r);
        List<int[]> p = new ArrayList<>();
        List<int[]> c = new ArrayList<>();
        List<int[]> rj = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            double ra = vowelShare(vocab.decode(a[i]));
            double rb = vowelShare(vocab.decode(b[i]));
            if (ra != rb) {
                p.add(prompts[i]);
                c.add(ra > rb ? a[i] : b[i]);
                rj.add(ra > rb ? b[i] : a[i]);
            }
        }
        return new PreferencePairs(p.toArray(int[][]::new), c.toArray(int[][]::new), rj.toArray(int[][]::new));
    }

    private int[][] prompts(int[] text, int n, Random r) {
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            int start = r.nextInt(text.length - s.promptLength());
            out[i] = java.util.Arrays.copyOfRange(text, start, start + s.promptLength());
        }
        return out;
    }

    private static double meanReward(CharVocabulary vocab, int[][] completions) {
        double sum = 0;
        for (int[] c : completions) {
            sum += vowelShare(vocab.decode(c));
        }
        return sum / completions.length;
    }
}
