package dev.losslab.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Scalars;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.spherical.ZLoss;
import dev.losslab.train.factored.FactoredSphericalLayer;
import java.util.Arrays;
import java.util.Random;

/**
 * Paper 02's speed claim: one SGD step of the factored spherical output layer (Z-loss, float64,
 * O(m·d² + m²·d)) against one step of the full log-softmax output layer on DJL (float32 logits
 * H·Wᵀ, cross-entropy, backward, W ← W − η∇W), batch m, hidden width d, D outputs. Medians over
 * the repeats, after two untimed steps.
 */
final class SphericalTiming {
    private SphericalTiming() {}

    /** Folding period of the timed layer: every 100 steps, as the official timing example. */
    static final int PERIOD = 100;

    /**
     * Milliseconds per factored step (median), per run of its stability control (median of three)
     * and per fold of its factorisation (the fallback when U's singular values drift too far).
     */
    record Factored(double stepMs, double stabilizeMs, double unfactorizeMs) {
        /** The step with one stability control per {@link #PERIOD} steps spread over them. */
        double amortisedMs() {
            return stepMs + stabilizeMs / PERIOD;
        }

        /** The step with one fold per {@link #PERIOD} steps spread over them (the worst case). */
        double foldingMs() {
            return stepMs + unfactorizeMs / PERIOD;
        }

        Factored fastest(Factored other) {
            return new Factored(Math.min(stepMs, other.stepMs), Math.min(stabilizeMs, other.stabilizeMs), Math.min(unfactorizeMs, other.unfactorizeMs));
        }
    }

    /** One factored layer's step times (no stability control falls among the timed steps), then its stability control and a fold. */
    static Factored factored(int dim, int d, int m, int repeats) {
        Random r = new Random(0);
        double[][] w0 = new double[dim][d];
        for (double[] row : w0) {
            for (int j = 0; j < d; j++) {
                row[j] = 0.01 * r.nextGaussian();
            }
        }
        FactoredSphericalLayer layer = new FactoredSphericalLayer(new ZLoss(1, 0), w0, 0, PERIOD);
        w0 = null;
        double[] samples = new double[repeats];
        for (int t = -2; t < repeats; t++) {
            double[][] h = new double[m][d];
            int[] c = new int[m];
            for (int i = 0; i < m; i++) {
                c[i] = r.nextInt(dim);
                for (int j = 0; j < d; j++) {
                    h[i][j] = r.nextGaussian();
                }
            }
            long start = System.nanoTime();
            layer.step(h, c, 0.01);
            if (t >= 0) {
                samples[t] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] controls = new double[3];
        for (int k = 0; k < controls.length; k++) {
            long start = System.nanoTime();
            layer.stabilize();
            controls[k] = (System.nanoTime() - start) / 1e6;
        }
        long start = System.nanoTime();
        layer.unfactorize();
        double fold = (System.nanoTime() - start) / 1e6;
        Arrays.sort(samples);
        Arrays.sort(controls);
        return new Factored(samples[repeats / 2], controls[1], fold);
    }

    /** Milliseconds per full log-softmax output-layer step. */
    static double logSoftmax(int dim, int d, int m, int repeats) {
        double[] samples = new double[repeats];
        CrossEntropy ce = new CrossEntropy();
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(0);
            NDArray w = manager.randomNormal(0, 0.01f, new Shape(dim, d), DataType.FLOAT32, manager.getDevice());
            w.setRequiresGradient(true);
            NDArray lr = Scalars.constant(w, 0.01);
            for (int t = -2; t < repeats; t++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray h = step.randomNormal(new Shape(m, d), DataType.FLOAT32);
                    NDArray y = step.randomInteger(0, dim, new Shape(m), DataType.INT64);
                    long start = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = h.matMul(w.transpose());
                        NDArray loss = ce.mean(Inputs.of(InputNames.LOGITS, logits, InputNames.LABELS, y));
                        gc.backward(loss);
                    }
                    try (NDArray g = w.getGradient(); NDArray delta = g.mul(lr)) {
                        w.subi(delta);
                        g.subi(g);
                    }
                    if (t >= 0) {
                        samples[t] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(samples);
        return samples[repeats / 2];
    }
}
