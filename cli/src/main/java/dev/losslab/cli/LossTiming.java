package dev.losslab.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Times forward + backward of a loss on float32 logits [N, C] that are already on the engine, as
 * {@code torch_losses.py} does on the PyTorch side: each repeat starts from a fresh leaf copy of the
 * logits (copied outside the timed region), so the backward writes a new gradient; the result is
 * the median over the repeats, after two untimed warm-up repeats.
 */
final class LossTiming {
    private LossTiming() {}

    /** Median milliseconds of {@code loss}'s mean over the batch, forward and backward. */
    static double objective(Objective loss, int n, int c, int repeats) {
        return time(n, c, repeats, (x, y) -> loss.mean(Inputs.of(InputNames.LOGITS, x, InputNames.LABELS, y)));
    }

    /** Median milliseconds of DJL's own {@code SoftmaxCrossEntropyLoss} (sparse labels, log-softmax from logits). */
    static double djlSoftmaxCrossEntropy(int n, int c, int repeats) {
        SoftmaxCrossEntropyLoss djl = new SoftmaxCrossEntropyLoss();
        return time(n, c, repeats, (x, y) -> djl.evaluate(new NDList(y), new NDList(x)));
    }

    /**
     * Median milliseconds of one {@code Training.step} of an MLP d → hidden (tanh) → classes on a
     * batch (rows copied from the host each step, as in training), cross-entropy and PyTorch-form
     * SGD with momentum 0.9, after 20 untimed steps.
     */
    static double trainingStep(int d, int hidden, int classes, int batch, int repeats) {
        java.util.Random r = new java.util.Random(0);
        float[][] x = new float[batch][d];
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
        }
        int[] ids = java.util.stream.IntStream.range(0, batch).toArray();
        double[] samples = new double[repeats];
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.Block mlp = dev.losslab.lab.model.Mlp.create(m, d, new int[] {hidden}, classes, dev.losslab.lab.model.Mlp.Init.GLOROT_NORMAL, 0);
            dev.losslab.train.Training training = new dev.losslab.train.Training(mlp, new dev.losslab.core.classification.softmax.CrossEntropy(),
                    new dev.losslab.train.optim.MomentumSgd(ai.djl.training.tracker.Tracker.fixed(0.01f), 0.9, 0, false), m);
            dev.losslab.train.Targets targets = dev.losslab.train.Targets.labels(y);
            for (int t = -20; t < repeats; t++) {
                long start = System.nanoTime();
                training.step(0, x, targets, ids, dev.losslab.train.StepListener.NONE);
                if (t >= 0) {
                    samples[t] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        Arrays.sort(samples);
        return samples[repeats / 2];
    }

    private static double time(int n, int c, int repeats, BiFunction<NDArray, NDArray, NDArray> meanLoss) {
        double[] samples = new double[repeats];
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(0);
            NDArray logits = m.randomNormal(new Shape(n, c), DataType.FLOAT32);
            NDArray labels = m.randomInteger(0, c, new Shape(n), DataType.INT64);
            for (int r = -2; r < repeats; r++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray x = logits.duplicate();
                    x.attach(step);
                    x.setRequiresGradient(true);
                    long start = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = meanLoss.apply(x, labels);
                        gc.backward(loss);
                    }
                    x.getGradient().getFloat(0, 0);
                    long elapsed = System.nanoTime() - start;
                    if (r >= 0) {
                        samples[r] = elapsed / 1e6;
                    }
                }
            }
        }
        Arrays.sort(samples);
        return samples[repeats / 2];
    }
}
