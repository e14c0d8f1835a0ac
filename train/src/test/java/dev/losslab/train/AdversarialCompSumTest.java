package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.classification.softmax.AdversarialCompSum;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 04 worked example 4 (linear model, ℓ2 ball): the loss, and PGD finding the closed-form sup γ·σ_max(A_y). */
class AdversarialCompSumTest {
    static final double[][] W = {{1, -0.5}, {0.2, 0.8}, {-0.7, 0.3}};
    static final double[] B = {0.1, 0, -0.2};
    static final double[] X = {0.5, -1};
    static final int Y = 1;
    static final double GAMMA = 0.1;

    /** Top right singular vector of A_y (rows W_y − W_k) by power iteration on A_yᵀA_y. */
    static double[] topDirection() {
        double[][] ata = new double[2][2];
        for (double[] w : W) {
            double a0 = W[Y][0] - w[0];
            double a1 = W[Y][1] - w[1];
            ata[0][0] += a0 * a0;
            ata[0][1] += a0 * a1;
            ata[1][0] += a1 * a0;
            ata[1][1] += a1 * a1;
        }
        double[] v = {1, 0.3};
        for (int i = 0; i < 200; i++) {
            double[] nv = {ata[0][0] * v[0] + ata[0][1] * v[1], ata[1][0] * v[0] + ata[1][1] * v[1]};
            double n = Math.hypot(nv[0], nv[1]);
            v = new double[] {nv[0] / n, nv[1] / n};
        }
        return v;
    }

    static double[][] logits(double[] x) {
        double[][] h = new double[1][3];
        for (int k = 0; k < 3; k++) {
            h[0][k] = W[k][0] * x[0] + W[k][1] * x[1] + B[k];
        }
        return h;
    }

    @Test
    void closedFormGolden() {
        double[] v = topDirection();
        double[] xAdv = {X[0] + GAMMA * v[0], X[1] + GAMMA * v[1]};
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(logits(X)), "labels", m.create(new int[] {Y}))
                    .with(InputNames.ADVERSARIAL_LOGITS, m.create(logits(xAdv)));
            assertEquals(2.37371136, new AdversarialCompSum(1, 2).mean(in).getDouble(), 1e-8);
            assertEquals(2.06817272, new AdversarialCompSum(1, 0).mean(in).getDouble(), 1e-8);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[][] clean = {{1.1, -0.7, -0.85}, {0.3, 0.2, -1}};
        double[][] adv = {{1.0, -0.6, -0.9}, {0.5, 0.1, -1.2}};
        int[] y = {1, 2};
        AdversarialCompSum loss = new AdversarialCompSum(0.5, 1.5);
        double[][][] grads = new double[2][][];
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(clean);
            NDArray a = m.create(adv);
            c.setRequiresGradient(true);
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.mean(Inputs.of("logits", c, "labels", m.create(y)).with(InputNames.ADVERSARIAL_LOGITS, a)));
            }
            grads[0] = new double[][] {c.getGradient().toDoubleArray()};
            grads[1] = new double[][] {a.getGradient().toDoubleArray()};
            for (int which = 0; which < 2; which++) {
                for (int i = 0; i < 6; i++) {
                    double[][][] plus = {copy(clean), copy(adv)};
                    double[][][] minus = {copy(clean), copy(adv)};
                    plus[which][i / 3][i % 3] += 1e-6;
                    minus[which][i / 3][i % 3] -= 1e-6;
                    double fd = (value(m, loss, plus, y) - value(m, loss, minus, y)) / 2e-6;
                    assertEquals(fd, grads[which][0][i], 1e-7);
                }
            }
        }
    }

    static double value(NDManager m, AdversarialCompSum loss, double[][][] in, int[] y) {
        return loss.mean(Inputs.of("logits", m.create(in[0]), "labels", m.create(y)).with(InputNames.ADVERSARIAL_LOGITS, m.create(in[1]))).getDouble();
    }

    static double[][] copy(double[][] x) {
        return new double[][] {x[0].clone(), x[1].clone()};
    }

    /** Adversarial training with adv-comp-sum runs in the training loop, learns, and keeps memory flat. */
    @Test
    void trainsAdversariallyWithoutLeaks() {
        TabularData data = TrainingTest.blobs(96, 9);
        try (NDManager m = NDManager.newBaseManager()) {
            Training t = new Training(TrainingTest.mlp(m), new AdversarialCompSum(1, 0.5),
                    dev.losslab.train.optim.MomentumSgd.builder().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build(), m)
                    .feed(InputNames.ADVERSARIAL_LOGITS, InputSource.attack(new PgdAttack(0.3, 3, 0.5), 0));
            int[] order = java.util.stream.IntStream.range(0, 96).toArray();
            t.epoch(0, data, order, 32, StepListener.NONE);
            int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
            for (int e = 1; e < 15; e++) {
                t.epoch(e, data, order, 32, StepListener.NONE);
            }
            assertEquals(before, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size());
            assertTrue(t.accuracy(data) > 0.9, "accuracy " + t.accuracy(data));
        }
    }

    /** PGD on the linear model reaches the closed-form sup γ·σ_max(A_y) = 0.15276932 and stays in the ball. */
    @Test
    void pgdFindsTheClosedFormSup() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(3).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            for (var p : linear.getParameters()) {
                Parameter param = p.getValue();
                if (param.getType() == Parameter.Type.WEIGHT) {
                    param.getArray().set(new float[] {1, -0.5f, 0.2f, 0.8f, -0.7f, 0.3f});
                } else {
                    param.getArray().set(new float[] {0.1f, 0, -0.2f});
                }
            }
            float[][] x = {{0.5f, -1}};
            float[][] adv = new PgdAttack(GAMMA, 20, 0.25).attack(linear, m, x, new int[] {Y}, new Random(0));
            double dx = Math.hypot(adv[0][0] - x[0][0], adv[0][1] - x[0][1]);
            assertTrue(dx <= GAMMA + 1e-6, "inside the ball: " + dx);
            double[][] h0 = logits(X);
            double[][] h1 = logits(new double[] {adv[0][0], adv[0][1]});
            double sq = 0;
            for (int k = 0; k < 3; k++) {
                double d = (h1[0][Y] - h1[0][k]) - (h0[0][Y] - h0[0][k]);
                sq += d * d;
            }
            assertEquals(0.15276932, Math.sqrt(sq), 1e-4);
            for (var p : linear.getParameters()) {
                assertEquals(0, p.getValue().getArray().getGradient().abs().sum().getFloat(), "parameter gradients left clean");
            }
        }
    }
}
