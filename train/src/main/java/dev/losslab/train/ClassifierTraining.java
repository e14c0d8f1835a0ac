package dev.losslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClassificationObjective;

/**
 * A small, deterministic training loop for classifiers on DJL, without {@code EasyTrain} (which
 * evaluates the loss twice per batch) and without {@code Trainer.step()} (whose first-step
 * gradient check rejects legitimately zero-sum gradients).
 *
 * <p>Each step runs in its own {@link NDManager} sub-scope, so nothing but parameters, their
 * gradients and optimizer state outlives a step. The objective receives {@code logits},
 * {@code labels} and {@code sample_ids} (training-set indices, for stateful objectives).
 */
public final class ClassifierTraining {
    /** Name of the sample-id input handed to objectives. */
    public static final String SAMPLE_IDS = "sample_ids";

    private final Block block;
    private final Objective objective;
    private final Optimizer optimizer;
    private final NDManager manager;
    private final ParameterStore store;

    /**
     * @param block an initialised model mapping [B, D] features to [B, C] logits
     * @param manager the manager that owns the model's parameters
     */
    public ClassifierTraining(Block block, Objective objective, Optimizer optimizer, NDManager manager) {
        this.block = block;
        this.objective = objective;
        this.optimizer = optimizer;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * One pass over {@code data} in the given sample order; returns the mean of the batch losses.
     */
    public double epoch(int epoch, TabularData data, int[] order, int batchSize, StepListener listener) {
        double total = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int[] ids = java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            total += step(epoch, data, ids, listener);
            batches++;
        }
        return total / batches;
    }

    /** One optimisation step on the samples {@code ids}; returns the loss. */
    public float step(int epoch, TabularData data, int[] ids, StepListener listener) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(rows(data.x(), ids));
            int[] labels = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                labels[i] = data.y()[ids[i]];
            }
            NDArray y = scope.create(labels).toType(DataType.INT64, false);
            NDArray sampleIds = scope.create(ids).toType(DataType.INT64, false);
            float loss;
            float[] perSample;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = block.forward(store, new NDList(x), true).singletonOrThrow();
                Inputs in = Inputs.of(ClassificationObjective.LOGITS, logits, ClassificationObjective.LABELS, y)
                        .with(SAMPLE_IDS, sampleIds);
                NDArray per = objective.perSample(in);
                gc.backward(per.mean());
                perSample = per.toFloatArray();
                double sum = 0;
                for (float v : perSample) {
                    sum += v;
                }
                loss = (float) (sum / perSample.length);
            }
            update();
            listener.onStep(epoch, ids, perSample, loss);
            return loss;
        }
    }

    private void update() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient()) {
                optimizer.update(p.getValue().getId(), w, g);
            }
        }
    }

    /** Logits [N, C] for {@code x}, computed in batches without gradients. */
    public float[][] logits(float[][] x) {
        float[][] out = new float[x.length][];
        int batch = 512;
        for (int start = 0; start < x.length; start += batch) {
            int end = Math.min(x.length, start + batch);
            try (NDManager scope = manager.newSubManager()) {
                float[][] rows = java.util.Arrays.copyOfRange(x, start, end);
                NDArray logits = block.forward(store, new NDList(scope.create(rows)), false).singletonOrThrow();
                long c = logits.getShape().get(1);
                float[] flat = logits.toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    out[start + i] = java.util.Arrays.copyOfRange(flat, (int) (i * c), (int) ((i + 1) * c));
                }
            }
        }
        return out;
    }

    public double accuracy(TabularData data) {
        return Metrics.accuracy(logits(data.x()), data.y());
    }

    private static float[][] rows(float[][] x, int[] ids) {
        float[][] r = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            r[i] = x[ids[i]];
        }
        return r;
    }
}
