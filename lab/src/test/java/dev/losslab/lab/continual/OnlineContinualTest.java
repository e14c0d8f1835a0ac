package dev.losslab.lab.continual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.continual.UerLoss;
import dev.losslab.lab.model.NormAngleClassifier;
import dev.losslab.train.InputSource;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reservoir buffer's sampling law and retrieval, the classifier's two outputs, and the online loop's bookkeeping. */
class OnlineContinualTest {

    /** After n offers every id is kept with probability M/n: over many runs each id's inclusion rate is M/n within 4 sd. */
    @Test
    void reservoirKeepsEverySampleWithEqualProbability() {
        int n = 50;
        int capacity = 10;
        int runs = 4000;
        int[] kept = new int[n];
        Random rng = new Random(3);
        for (int r = 0; r < runs; r++) {
            ReservoirBuffer b = new ReservoirBuffer(capacity, rng);
            for (int id = 0; id < n; id++) {
                b.add(id);
            }
            assertEquals(capacity, b.size());
            for (int id : b.retrieve(capacity)) {
                kept[id]++;
            }
        }
        double p = (double) capacity / n;
        double sd = Math.sqrt(runs * p * (1 - p));
        for (int id = 0; id < n; id++) {
            assertEquals(runs * p, kept[id], 4 * sd, "id " + id);
        }
    }

    @Test
    void retrievalIsWithoutReplacementAndBounded() {
        ReservoirBuffer b = new ReservoirBuffer(8, new Random(1));
        assertEquals(0, b.retrieve(5).length);
        for (int id = 0; id < 5; id++) {
            b.add(id);
        }
        int[] all = b.retrieve(10);
        assertEquals(5, all.length);
        Set<Integer> distinct = new HashSet<>();
        Arrays.stream(all).forEach(distinct::add);
        assertEquals(Set.of(0, 1, 2, 3, 4), distinct);
        assertEquals(3, Arrays.stream(b.retrieve(3)).distinct().count());
        assertThrows(IllegalArgumentException.class, () -> new ReservoirBuffer(0, new Random()));
    }

    /** The logits-output variant of the same seed computes W h of the features variant. */
    @Test
    void classifierOutputsFeaturesOrLogits() {
        float[][] x = {{1, 0, 2}, {0.5f, -1, 0}};
        try (Model m = Model.newInstance("a"); Model n = Model.newInstance("b")) {
            NormAngleClassifier features = NormAngleClassifier.create(m.getNDManager(), 3, 4, 5, 7, false);
            NormAngleClassifier logits = NormAngleClassifier.create(n.getNDManager(), 3, 4, 5, 7, true);
            float[][] h = new Training(features, new UerLoss(8, true), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(), m.getNDManager()).outputs(x);
            assertEquals(4, h[0].length);
            float[][] z = new Training(logits, new dev.losslab.core.classification.softmax.CrossEntropy(), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(),
                    n.getNDManager()).outputs(x);
            float[][] wh = features.dotLogits(h);
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(z[i], wh[i], 1e-5f);
            }
        }
    }

    /** One pass offers every streamed sample to the buffer once, and UER's update moves the head's weights. */
    @Test
    void onePassOffersEverySampleAndTrains() {
        Random r = new Random(2);
        float[][] x = new float[60][3];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) (r.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        TabularData data = new TabularData(x, y, 3);
        try (Model m = Model.newInstance("ocl")) {
            NormAngleClassifier model = NormAngleClassifier.create(m.getNDManager(), 3, 8, 3, 1, false);
            float[] before = model.classWeights().getArray().toFloatArray();
            Training t = new Training(model, new UerLoss(8, true), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build(), m.getNDManager());
            t.feedIfRead(InputNames.CLASS_WEIGHTS, InputSource.parameter(model.classWeights()));
            ReservoirBuffer buffer = new ReservoirBuffer(20, new Random(4));
            int[] stream = java.util.stream.IntStream.range(0, 60).toArray();
            new OnlineContinualLearner(t, buffer, 10).pass(data, stream, 10);
            assertEquals(60, buffer.seen());
            assertEquals(20, buffer.size());
            float[] after = model.classWeights().getArray().toFloatArray();
            assertTrue(!Arrays.equals(before, after), "the head's weights were updated");
        }
    }
}
