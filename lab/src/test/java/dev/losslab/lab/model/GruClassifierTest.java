package dev.losslab.lab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.classification.margin.L2Svm;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.lab.data.QuantileTokens;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GruClassifierTest {
    private static final int T = 8;
    private static final int V = 4;

    /**
     * Token sequences whose label is whether the LAST token is ≥ 2 while the first is &lt; 2, or
     * vice versa: it needs both ends of the sequence, so a model that sees only the final token
     * stays at chance (≈ 0.5).
     */
    private static TabularData endsDiffer(int n, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][T * V];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int first = 0;
            int last = 0;
            for (int t = 0; t < T; t++) {
                int tok = r.nextInt(V);
                x[i][t * V + tok] = 1f;
                first = t == 0 ? tok : first;
                last = tok;
            }
            y[i] = (first >= 2) != (last >= 2) ? 1 : 0;
        }
        return new TabularData(x, y, 2);
    }

    private static GruClassifier model(NDManager m, GruClassifier.Head head, long seed) {
        return GruClassifier.builder().sequenceLength(T).vocabulary(V).cellSize(16).classes(2).head(head).seed(seed).build(m);
    }

    @ParameterizedTest
    @EnumSource(GruClassifier.Head.class)
    void learnsATaskThatNeedsTheWholeSequence(GruClassifier.Head head) {
        TabularData train = endsDiffer(1024, 1);
        TabularData test = endsDiffer(512, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            GruClassifier gru = model(m, head, 3);
            Training t = gru.training(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build(), m);
            Random order = new Random(4);
            for (int e = 0; e < 25; e++) {
                t.epoch(e, train, dev.losslab.lab.data.Split.permutation(train.size(), order), 64, StepListener.NONE);
            }
            double acc = t.accuracy(test);
            assertTrue(acc >= 0.95, head + " test accuracy " + acc);
        }
    }

    @Test
    void headStartsAsTheOfficialCodeAndSelectsItsLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            GruClassifier svm = model(m, GruClassifier.Head.SVM, 0);
            float[] w = svm.outputWeight().getArray().toFloatArray();
            assertEquals(2 * 16, w.length);
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            assertTrue(Math.sqrt(sq / w.length) < 0.02, "head weights ~ N(0, 0.01²)");
            assertTrue(svm.objective() instanceof L2Svm);
            assertTrue(model(m, GruClassifier.Head.SOFTMAX, 0).objective() instanceof CrossEntropy);
            float[][] out = new Training(svm.block(), svm.objective(), Optimizer.adam().build(), m).outputs(new float[1][T * V]);
            assertEquals(2, out[0].length);
        }
    }

    @Test
    void sameSeedSameOutputs() {
        TabularData data = endsDiffer(16, 5);
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] a = model(m, GruClassifier.Head.SVM, 7).training(Optimizer.adam().build(), m).outputs(data.x());
            float[][] b = model(m, GruClassifier.Head.SOFTMAX, 7).training(Optimizer.adam().build(), m).outputs(data.x());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], "both heads start from the same parameters for one seed");
            }
        }
    }

    @Test
    void trainingDoesNotGrowLiveArrays() {
        TabularData data = endsDiffer(64, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            Training t = model(m, GruClassifier.Head.SVM, 1).training(Optimizer.adam().build(), m);
            int[] ids = IntStream.range(0, 32).toArray();
            for (int i = 0; i < 20; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            int before = ((BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 500; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            t.outputs(data.x());
            assertEquals(before, ((BaseNDManager) m).getManagedArrays().size(), "live arrays before/after 500 steps");
        }
    }

    @Test
    void invalidSettingsNameTheArgument() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertEquals("sequenceLength", assertThrows(InvalidArgumentException.class,
                    () -> GruClassifier.builder().vocabulary(3).build(m)).argument());
            assertEquals("classes", assertThrows(InvalidArgumentException.class,
                    () -> GruClassifier.builder().sequenceLength(2).vocabulary(3).classes(1).build(m)).argument());
            assertEquals("inputDropout", assertThrows(InvalidArgumentException.class,
                    () -> GruClassifier.builder().sequenceLength(2).vocabulary(3).inputDropout(1f).build(m)).argument());
            assertEquals("c", assertThrows(InvalidArgumentException.class,
                    () -> GruClassifier.builder().sequenceLength(2).vocabulary(3).c(0).build(m)).argument());
        }
    }

    /** Quantile tokens: one hot per feature, bins from the training split, ties collapse. */
    @Test
    void quantileTokensOneHotPerFeature() {
        float[][] x = new float[100][2];
        for (int i = 0; i < 100; i++) {
            x[i][0] = i;
            x[i][1] = i < 90 ? 0 : 1;
        }
        TabularData d = new TabularData(x, new int[100], 2);
        QuantileTokens q = QuantileTokens.fit(d, 10);
        assertEquals(0, q.bin(0, 0));
        assertEquals(9, q.bin(0, 99));
        assertEquals(4, q.bin(0, 49.4), "edges at 9.9, 19.8, …, 49.5, …");
        assertEquals(5, q.bin(0, 49.6));
        assertEquals(0, q.bin(1, 0), "a value tied with all interior edges gets the lowest bin");
        assertEquals(9, q.bin(1, 1));
        TabularData tokens = q.apply(d);
        assertEquals(20, tokens.dim());
        for (float[] row : tokens.x()) {
            float sum = 0;
            for (float v : row) {
                sum += v;
            }
            assertEquals(2f, sum);
        }
        assertEquals("bins", assertThrows(InvalidArgumentException.class, () -> QuantileTokens.fit(d, 1)).argument());
    }
}
