package dev.losslab.core.metric;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec 16 worked examples: 3-way 2-shot, 2 queries per class, 2-D embeddings. */
class FewShotLossesTest {
    static final double[][] S = {{0, 0}, {0.4, 0.2}, {3, 0.1}, {2.6, -0.3}, {0.2, 2.9}, {-0.1, 3.3}};
    static final double[][] Q = {{0.3, -0.2}, {1.6, 0.4}, {2.9, 0.5}, {1.2, 1.1}, {0.1, 2.5}, {0.6, 3.0}};
    static final int[] L = {0, 0, 1, 1, 2, 2};

    static Inputs episode(NDManager m, NDArray s, NDArray q) {
        return Inputs.of(Map.of(InputNames.SUPPORT, s, InputNames.SUPPORT_LABELS, m.create(L), InputNames.QUERY, q, InputNames.QUERY_LABELS, m.create(L)));
    }

    static double mean(Objective o, double[][] s, double[][] q) {
        try (NDManager m = NDManager.newBaseManager()) {
            return o.mean(episode(m, m.create(s), m.create(q))).getDouble();
        }
    }

    @Test
    void prototypesTripletAndCrossEntropyGolden() {
        try (NDManager m = NDManager.newBaseManager()) {
            Episode e = Episode.of(episode(m, m.create(S), m.create(Q)));
            assertClose(new double[] {0.2, 0.1, 2.8, -0.1, 0.05, 3.1}, e.prototypes().toDoubleArray(), 1e-12);
        }
        assertClose(0.28626140083349266, mean(new ProtoTriplet(0.5), S, Q), 1e-12);
        assertClose(0.5092267524347778, mean(new ProtoNetCrossEntropy(), S, Q), 1e-12);
        assertClose(0.39774407663413525, mean(new FewShotCombined(true, true, false, 0.5, 4), S, Q), 1e-12);
        assertClose(0.5020297394382004, mean(new FewShotCombined(true, false, true, 0.5, 4), S, Q), 1e-12);
    }

    @Test
    void icnnGolden() {
        double[][] all = new double[12][];
        long[] labels = new long[12];
        for (int i = 0; i < 6; i++) {
            all[i] = S[i];
            all[6 + i] = Q[i];
            labels[i] = L[i];
            labels[6 + i] = L[i];
        }
        try (NDManager m = NDManager.newBaseManager()) {
            assertClose(0.6096728809195635, IcnnScore.score(m.create(all), labels, 4, 4).getDouble(), 1e-12);
            Inputs in = Inputs.of(InputNames.EMBEDDINGS, m.create(all), InputNames.LABELS, m.create(labels));
            assertClose(0.49483272644162296, new IcnnScore(4, 4).mean(in).getDouble(), 1e-12);
            assertClose(0.8865789781612237, IcnnScore.score(m.create(S), new long[] {0, 0, 1, 1, 2, 2}, 4, 0).getDouble(), 1e-12);
        }
    }

    /** Three tight far-apart clusters of 4 points: γ = 3/4 exactly and the score lies in (0.873, 0.875). */
    @Test
    void icnnOnTightClusters() {
        java.util.Random r = new java.util.Random(0);
        double[][] x = new double[12][];
        long[] y = new long[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i / 4;
            x[i] = new double[] {r.nextGaussian() * 0.01 + 10 * y[i], r.nextGaussian() * 0.01};
        }
        try (NDManager m = NDManager.newBaseManager()) {
            double score = IcnnScore.score(m.create(x), y, 4, 0).getDouble();
            assertTrue(score > 0.873 && score < 0.875, "score " + score);
        }
    }

    /** Finite differences with frozen neighbour order (the perturbation keeps every ordering). */
    @Test
    void gradientsMatchFiniteDifferences() {
        for (Objective o : new Objective[] {new ProtoTriplet(0.5), new ProtoNetCrossEntropy(), new FewShotCombined(true, true, true, 0.5, 4)}) {
            double[][] gs = new double[6][2];
            double[][] gq = new double[6][2];
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray s = m.create(S);
                NDArray q = m.create(Q);
                s.setRequiresGradient(true);
                q.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(o.mean(episode(m, s, q)));
                }
                double[] a = s.getGradient().toDoubleArray();
                double[] b = q.getGradient().toDoubleArray();
                for (int i = 0; i < 6; i++) {
                    gs[i] = new double[] {a[2 * i], a[2 * i + 1]};
                    gq[i] = new double[] {b[2 * i], b[2 * i + 1]};
                }
            }
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 2; j++) {
                    double[][] sp = copy(S);
                    double[][] sm = copy(S);
                    sp[i][j] += 1e-6;
                    sm[i][j] -= 1e-6;
                    assertEquals((mean(o, sp, Q) - mean(o, sm, Q)) / 2e-6, gs[i][j], 1e-7, o.name() + " support");
                    double[][] qp = copy(Q);
                    double[][] qm = copy(Q);
                    qp[i][j] += 1e-6;
                    qm[i][j] -= 1e-6;
                    assertEquals((mean(o, S, qp) - mean(o, S, qm)) / 2e-6, gq[i][j], 1e-7, o.name() + " query");
                }
            }
        }
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    @Test
    void badEpisodesNameTheArgument() {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs missingClass = Inputs.of(Map.of(InputNames.SUPPORT, m.create(S), InputNames.SUPPORT_LABELS, m.create(new int[] {0, 0, 2, 2, 2, 2}),
                    InputNames.QUERY, m.create(Q), InputNames.QUERY_LABELS, m.create(L)));
            assertEquals(InputNames.SUPPORT_LABELS, assertThrows(InvalidArgumentException.class, () -> new ProtoTriplet(0.5).mean(missingClass)).argument());
            Inputs badQuery = Inputs.of(Map.of(InputNames.SUPPORT, m.create(S), InputNames.SUPPORT_LABELS, m.create(L),
                    InputNames.QUERY, m.create(Q), InputNames.QUERY_LABELS, m.create(new int[] {0, 0, 1, 1, 2, 3})));
            assertEquals(InputNames.QUERY_LABELS, assertThrows(InvalidArgumentException.class, () -> new ProtoNetCrossEntropy().mean(badQuery)).argument());
        }
        assertEquals("margin", assertThrows(InvalidArgumentException.class, () -> new ProtoTriplet(-1)).argument());
        assertEquals("k", assertThrows(InvalidArgumentException.class, () -> new IcnnScore(0, 0)).argument());
    }
}
