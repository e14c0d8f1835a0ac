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
}
