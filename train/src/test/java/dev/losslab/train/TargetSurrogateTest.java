package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import dev.losslab.core.classification.binary.BinaryMarginLoss;
import dev.losslab.train.optim.TargetSurrogate;
import org.junit.jupiter.api.Test;

/**
 * Spec 08's worked example (η = 4 in its unnormalised scaling is η = 1 per sample with B = 4; inner
 * GD step 0.05): the iterates after 1, 2 and 10 inner steps; the surrogate majorises the loss for
 * η ≤ 1/L (L = 1/4 per logit) and the full-batch outer step never raises the loss.
 */
class TargetSurrogateTest {
    static final float[][] X = {{1, 2}, {0.5f, -1}, {-1.5f, 0.5f}, {2, 1}};
    static final int[] Y = {1, 0, 0, 1};
    static final int[] ALL = {0, 1, 2, 3};

    static float[] thetaAfter(int innerSteps, double eta, double alpha) {
        try (Model m = Model.newInstance("sso")) {
            Linear model = Linear.builder().setUnits(1).optBias(false).build();
            model.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
            model.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            TargetSurrogate sso = new TargetSurrogate(model, new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), eta, innerSteps, alpha, m.getNDManager());
            double loss = sso.step(X, Targets.labels(Y), ALL);
            assertEquals(0.693147181, loss, 1e-7);
            return model.getParameters().get(0).getValue().getArray().toFloatArray();
        }
    }

    @Test
    void spec08InnerIterates() {
        assertArrayEquals(new float[] {0.025f, 0.021875f}, thetaAfter(1, 1, 0.05), 1e-6f);
        assertArrayEquals(new float[] {0.0469043f, 0.04118164f}, thetaAfter(2, 1, 0.05), 1e-6f);
        assertArrayEquals(new float[] {0.14772129f, 0.13327285f}, thetaAfter(10, 1, 0.05), 1e-6f);
    }

    static double loss(float[] theta) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            double z = X[i][0] * theta[0] + X[i][1] * theta[1];
            double m = (2 * Y[i] - 1) * z;
            s += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
        }
        return s / 4;
    }

    /** With η = 4 = 1/L per sample, many inner steps at the safe step size decrease the full-batch loss (majorisation–minimisation). */
    @Test
    void fullBatchStepDecreasesTheLoss() {
        float[] theta = thetaAfter(200, 4, Double.NaN);
        assertTrue(loss(theta) < Math.log(2), "loss " + loss(theta));
        assertTrue(TargetSurrogate.linearSafeStep(X, 4) > 0);
        assertThrows(IllegalArgumentException.class, () -> new TargetSurrogate(null, new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), 0, 1, 0.1, null));
    }

    /** Training's SSO mode with plain SGD at α = 0.05 takes the same inner steps: spec 08's iterate after 10 steps. */
    @Test
    void trainingsSurrogateModeMatchesTheSpecIterates() {
        try (Model m = Model.newInstance("sso")) {
            Linear model = Linear.builder().setUnits(1).optBias(false).build();
            model.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
            model.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
            Training t = new Training(model, new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC),
                    dev.losslab.train.optim.MomentumSgd.builder().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.05f)).build(), m.getNDManager())
                    .targetSurrogate(1, 10);
            float loss = t.step(0, X, Targets.labels(Y), ALL, StepListener.NONE);
            assertEquals(0.693147181, loss, 1e-6);
            assertArrayEquals(new float[] {0.14772129f, 0.13327285f}, model.getParameters().get(0).getValue().getArray().toFloatArray(), 1e-6f);
        }
    }

    /** SSO inside Training leaves no arrays behind over 500 batches and still learns; invalid settings are refused by name. */
    @Test
    void trainingsSurrogateModeDoesNotLeakAndRefusesBadSettings() {
        TabularData data = TrainingTest.blobs(64, 4);
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            Training t = new Training(TrainingTest.mlp(m), new dev.losslab.core.classification.softmax.CrossEntropy(),
                    dev.losslab.train.optim.MomentumSgd.builder().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.05f)).build(), m)
                    .targetSurrogate(1, 3);
            int[] ids = java.util.stream.IntStream.range(0, 32).toArray();
            for (int i = 0; i < 20; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            int before = ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
            for (int i = 0; i < 500; i++) {
                t.step(0, data, ids, StepListener.NONE);
            }
            assertEquals(before, ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size());
            assertTrue(t.accuracy(data) > 0.9, "accuracy " + t.accuracy(data));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> t.targetSurrogate(0, 3)).getMessage().startsWith("eta:"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> t.targetSurrogate(1, 0)).getMessage().startsWith("innerSteps:"));
            Training weighted = new Training(TrainingTest.mlp(m), new dev.losslab.core.classification.softmax.CrossEntropy(),
                    dev.losslab.train.optim.MomentumSgd.builder().setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.05f)).build(), m)
                    .feed(dev.losslab.core.InputNames.WEIGHTS, InputSource.reweighter(new dev.losslab.train.reweight.KlDroWeights(1, 0.5, 0)));
            assertThrows(IllegalStateException.class, () -> weighted.targetSurrogate(1, 3));
        }
    }
}
