package dev.losslab.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

/**
 * Test harness: evaluates a classification objective in float64 on plain Java arrays and
 * returns its mean, per-sample values and autograd gradient of the mean w.r.t. the logits.
 */
public record Evaluation(double mean, double[] perSample, double[][] grad) {

    public static Evaluation of(Objective objective, double[][] logits, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits);
            x.setRequiresGradient(true);
            NDArray y = m.create(labels).toType(DataType.INT64, false);
            Inputs in = Inputs.of("logits", x, "labels", y);
            double[] per;
            double mean;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray ps = objective.perSample(in);
                NDArray loss = ps.mean();
                gc.backward(loss);
                per = ps.toDoubleArray();
                mean = loss.getDouble();
            }
            double[] g = x.getGradient().toDoubleArray();
            return new Evaluation(mean, per, reshape(g, logits.length, logits[0].length));
        }
    }

    /** The mean loss without gradients. */
    public static double meanOf(Objective objective, double[][] logits, int[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            Inputs in = Inputs.of("logits", m.create(logits), "labels", m.create(labels).toType(DataType.INT64, false));
            return objective.perSample(in).mean().getDouble();
        }
    }

    /** Central finite differences of the mean loss w.r.t. every logit (float64, step eps). */
    public static double[][] finiteDifference(Objective objective, double[][] logits, int[] labels, double eps) {
        double[][] g = new double[logits.length][logits[0].length];
        for (int i = 0; i < logits.length; i++) {
            for (int j = 0; j < logits[0].length; j++) {
                double[][] a = copy(logits);
                double[][] b = copy(logits);
                a[i][j] += eps;
                b[i][j] -= eps;
                g[i][j] = (meanOf(objective, a, labels) - meanOf(objective, b, labels)) / (2 * eps);
            }
        }
        return g;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static double[][] reshape(double[] flat, int rows, int cols) {
        double[][] r = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, r[i], 0, cols);
        }
        return r;
    }
}
