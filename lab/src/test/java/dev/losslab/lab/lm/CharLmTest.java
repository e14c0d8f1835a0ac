package dev.losslab.lab.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.preference.Dpo;
import dev.losslab.lab.model.CharLm;
import dev.losslab.lab.model.SequenceLogProbBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The tiny language model's pieces: sequence log-probs, padding, checkpoints, sampling, and one preference epoch. */
class CharLmTest {
    static final CharVocabulary VOCAB = CharVocabulary.of("the cat sat on the mat.\n");

    @Test
    void sequenceLogProbIsTheSumOfNextCharacterLogProbsAndIgnoresPadding() {
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm lm = CharLm.create(m, VOCAB.size(), 3, new int[] {16}, 7);
            int[] prompt = VOCAB.encode("the c");
            int[] completion = VOCAB.encode("at sat");
            double expected = 0;
            int[] text = VOCAB.encode("the cat sat");
            for (int p = prompt.length; p < text.length; p++) {
                float[][] ctx = {{text[p - 3], text[p - 2], text[p - 1]}};
                expected += lm.nextLogProbs(ctx)[0][text[p]];
            }
            double[] lp = lm.sequenceLogProbs(new float[][] {SequenceLogProbBlock.encode(prompt, completion, 6, 3, VOCAB.pad()),
                    SequenceLogProbBlock.encode(prompt, completion, 10, 3, VOCAB.pad())});
            assertEquals(expected, lp[0], 1e-5);
            assertEquals(lp[0], lp[1], 1e-6);
        }
    }

    @Test
    void ldAlphaWeightsTheTailAndWpoWeightsFollowTheirFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm lm = CharLm.create(m, VOCAB.size(), 3, new int[] {16}, 7);
            PreferencePairs pair = new PreferencePairs(new int[][] {VOCAB.encode("the c")}, new int[][] {VOCAB.encode("at sat")},
                    new int[][] {VOCAB.encode("on")});
            int[] text = VOCAB.encode("the cat sat");
            double front = 0;
            double tail = 0;
            double wpo = 0;
            for (int p = 5; p < text.length; p++) {
                double[] lp = lm.nextLogProbs(new float[][] {{text[p - 3], text[p - 2], text[p - 1]}})[0];
                double squares = 0;
                for (double v : lp) {
                    squares += Math.exp(2 * v);
                }
                wpo += (lp[text[p]] - Math.log(squares)) / 6;
                if (p < 7) {
                    front += lp[text[p]];
                } else {
                    tail += lp[text[p]];
                }
            }
            assertEquals(front + 0.25 * tail, lm.sequenceLogProbs(pair.rows(true, 3, VOCAB.pad(), 0.25))[0], 1e-5);
            assertEquals(front + tail, lm.sequenceLogProbs(pair.rows(true, 3, VOCAB.pad(), 1))[0], 1e-5);
            assertEquals(Math.exp(wpo), lm.wpoWeights(pair.rows(true, 3, VOCAB.pad()))[0], 1e-6);
            assertEquals("ld_alpha", assertThrows(InvalidArgumentException.class, () -> new PreferenceTrainer(lm, new Dpo(0.1), 1e-3, 2).ldAlpha(1.5)).argument());
        }
    }

    @Test
    void checkpointsAndCopiesKeepTheWeights() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm lm = CharLm.create(m, VOCAB.size(), 2, new int[] {8, 8}, 3);
            float[][] ctx = {{1, 2}, {3, 0}};
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            lm.save(bytes);
            CharLm loaded = CharLm.load(m, new ByteArrayInputStream(bytes.toByteArray()));
            CharLm copy = lm.copy(m);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(lm.nextLogProbs(ctx)[i], loaded.nextLogProbs(ctx)[i], 0);
                assertArrayEquals(lm.nextLogProbs(ctx)[i], copy.nextLogProbs(ctx)[i], 0);
            }
        }
    }

    @Test
    void topOneSamplingIsGreedy() {
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm lm = CharLm.create(m, VOCAB.size(), 2, new int[] {8}, 5);
            int[][] prompts = {VOCAB.encode("th"), VOCAB.encode("ma")};
            int[][] a = new Sampler(1, 1).complete(lm, prompts, 5, VOCAB.pad(), new Random(1));
            int[][] b = new Sampler(0.5, 1).complete(lm, prompts, 5, VOCAB.pad(), new Random(2));
            assertArrayEquals(a[0], b[0]);
            double[] first = lm.nextLogProbs(new float[][] {{prompts[0][0], prompts[0][1]}})[0];
            int argmax = 0;
            for (int v = 1; v < first.length; v++) {
                argmax = first[v] > first[argmax] ? v : argmax;
            }
            assertEquals(argmax, a[0][0]);
            assertEquals("temperature", assertThrows(InvalidArgumentException.class, () -> new Sampler(0, 0)).argument());
        }
    }

    @Test
    void preferenceTrainingRaisesTheChosenMargin() {
        try (NDManager m = NDManager.newBaseManager()) {
            CharLm sft = CharLm.create(m, VOCAB.size(), 3, new int[] {16}, 11);
            int[][] prompts = {VOCAB.encode("the "), VOCAB.encode("on t"), VOCAB.encode("sat ")};
            PreferencePairs pairs = new PreferencePairs(prompts, new int[][] {VOCAB.encode("cat"), VOCAB.encode("he"), VOCAB.encode("on")},
                    new int[][] {VOCAB.encode("mat"), VOCAB.encode("ta"), VOCAB.encode("no")});
            CharLm policy = sft.copy(m);
            double[] accuracy = new double[1];
            new PreferenceTrainer(policy, new Dpo(0.1), 1e-2, 3).ldAlpha(0.5).wpoWeighting(true)
                    .train(pairs, sft, 20, VOCAB.pad(), new Random(0), (e, measured) -> accuracy[0] = measured.rewardAccuracy());
            assertEquals(1.0, accuracy[0]);
            double[] refC = sft.sequenceLogProbs(pairs.rows(true, 3, VOCAB.pad()));
            double[] polC = policy.sequenceLogProbs(pairs.rows(true, 3, VOCAB.pad()));
            double[] refR = sft.sequenceLogProbs(pairs.rows(false, 3, VOCAB.pad()));
            double[] polR = policy.sequenceLogProbs(pairs.rows(false, 3, VOCAB.pad()));
            for (int i = 0; i < 3; i++) {
                assertTrue((polC[i] - refC[i]) - (polR[i] - refR[i]) > 1, "pair " + i);
            }
        }
    }

    @Test
    void vocabularyAndRewardEdgeCases() {
        assertEquals("cat.", VOCAB.decode(VOCAB.encode("cat.")));
        assertEquals("text", assertThrows(InvalidArgumentException.class, () -> VOCAB.encode("dog")).argument());
        assertEquals(0.5, TinyLmAlignment.vowelShare("Ta, ti!"), 0);
        assertEquals(0, TinyLmAlignment.vowelShare("?! "), 0);
        assertEquals("pairs", assertThrows(InvalidArgumentException.class,
                () -> new PreferencePairs(new int[][] {{1}}, new int[][] {{}}, new int[][] {{2}})).argument());
    }
}
