package dev.losslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.util.Pair;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Reduction;
import dev.losslab.core.TrainingHook;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, deterministic training loop on DJL, without {@code EasyTrain} (which evaluates the loss
 * twice per batch) and without {@code Trainer.step()} (whose first-step gradient check rejects
 * legitimately zero-sum gradients).
 *
 * <p>Each step runs in its own {@link NDManager} sub-scope, so nothing but parameters, their
 * gradients and optimizer state outlives a step. The objective's inputs are produced, never
 * special-cased: the model's output goes to its first trained input ({@code logits} for
 * classifiers; a model that returns several arrays fills the trained inputs not fed by a source, in
 * declaration order, e.g. a student's logits and its weak head's {@code aux_logits}), the batch's {@link Targets} give the data inputs ({@code labels},
 * {@code sample_ids}, optional {@code weights}), and every other declared input comes from an
 * {@link InputSource} chosen by name ({@link #feed}): a model parameter, an attack, a frozen
 * teacher or reference model, a reweighter. Objectives that keep state across training implement
 * {@link TrainingHook}, which the loop calls whatever the loss.
 */
public final class Training {
    private final Block block;
    private final Objective objective;
    private final TrainingHook hook;
    private final Optimizer optimizer;
    private final NDManager manager;
    private final ParameterStore store;
    private final java.util.List<String> outputNames;
    private final Map<String, InputSource> sources = new LinkedHashMap<>();
    private int plannedEpochs = -1;
    private double maxGradNorm;
    private GradientListener gradientListener;

    /**
     * @param block an initialised model mapping [B, D] features to the objective's trained input
     * @param manager the manager that owns the model's parameters
     */
    public Training(Block block, Objective objective, Optimizer optimizer, NDManager manager) {
        this.block = block;
        this.objective = objective;
        this.hook = objective instanceof TrainingHook h ? h : null;
        this.optimizer = optimizer;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.outputNames = objective.inputs().stream().filter(InputSpec::trained).map(InputSpec::name).toList();
    }

    /**
     * Clips the global gradient norm (over all parameters) to {@code maxNorm} before each update,
     * as PyTorch's {@code clip_grad_norm_}; 0 disables clipping.
     */
    public Training clipGradNorm(double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("maxNorm must be ≥ 0, got " + maxNorm);
        }
        this.maxGradNorm = maxNorm;
        return this;
    }

    /** The run's length in epochs, for objectives whose {@link TrainingHook} schedule depends on it. */
    public Training plannedEpochs(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        }
        this.plannedEpochs = epochs;
        return this;
    }

    /** Produces the objective's input {@code inputName} at every step from {@code source}. */
    public Training feed(String inputName, InputSource source) {
        sources.put(inputName, source);
        return this;
    }

    /**
     * {@link #feed} when the objective declares the input {@code inputName}, otherwise nothing:
     * lets a model offer, say, its output-layer weights to whichever loss is chosen.
     */
    public Training feedIfRead(String inputName, InputSource source) {
        return reads(inputName) ? feed(inputName, source) : this;
    }

    /** Whether the objective declares the input {@code inputName}. */
    public boolean reads(String inputName) {
        return objective.inputs().stream().anyMatch(in -> in.name().equals(inputName));
    }

    /** Calls {@code listener} with the gradients of every step, before the optimizer update. */
    public Training onGradients(GradientListener listener) {
        this.gradientListener = listener;
        return this;
    }

    /** Whether epoch {@code epoch} updates the parameters (false when the objective's {@link TrainingHook} says so). */
    public boolean updatesIn(int epoch) {
        return hook == null || hook.updatesParameters(epoch, plannedEpochs);
    }

    /** One pass over a classification set in the given order; returns the mean batch loss. */
    public double epoch(int epoch, TabularData data, int[] order, int batchSize, StepListener listener) {
        return epoch(epoch, data.x(), Targets.labels(data.y()), order, batchSize, listener);
    }

    /** One pass over {@code x} in the given order; returns the mean of the batch losses. */
    public double epoch(int epoch, float[][] x, Targets targets, int[] order, int batchSize, StepListener listener) {
        double total = 0;
        int batches = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int[] ids = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            total += step(epoch, x, targets, ids, listener);
            batches++;
        }
        return total / batches;
    }

    /** One optimisation step on the classification samples {@code ids}; returns the loss. */
    public float step(int epoch, TabularData data, int[] ids, StepListener listener) {
        return step(epoch, data.x(), Targets.labels(data.y()), ids, listener);
    }

    /**
     * One step on the samples {@code ids}: the model's output and the batch's data inputs, every
     * {@link #feed fed} input, the objective's per-sample values, reduced with the per-sample
     * weights when there are any (from the batch or a {@code weights} source), backward and update
     * (skipped in an epoch the objective's hook runs without updates). Returns the (weighted) mean loss.
     */
    public float step(int epoch, float[][] x, Targets targets, int[] ids, StepListener listener) {
        boolean update = updatesIn(epoch);
        try (NDManager scope = manager.newSubManager()) {
            float[][] rows = Rows.of(x, ids);
            Map<String, NDArray> batch = targets.create(scope, ids);
            Step step = new Step(epoch, ids, rows, HostArrays.float32(scope, rows), batch, scope, block, store, manager, null);
            for (Map.Entry<String, InputSource> s : sources.entrySet()) {
                s.getValue().prepare(step);
            }
            float loss;
            float[] perSample;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Map<String, NDArray> in = new LinkedHashMap<>(batch);
                if (hook != null) {
                    hook.beforeStep(epoch, plannedEpochs);
                }
                NDList outputs = step.forwardAll(step.features());
                java.util.Iterator<String> names = outputNames.stream().filter(n -> !sources.containsKey(n)).iterator();
                for (NDArray out : outputs) {
                    if (!names.hasNext()) {
                        throw new IllegalStateException("the model returns " + outputs.size() + " arrays but " + objective.name()
                                + " trains only " + outputNames + " (minus fed inputs)");
                    }
                    in.put(names.next(), out);
                }
                for (Map.Entry<String, InputSource> s : sources.entrySet()) {
                    if (!s.getKey().equals(InputNames.WEIGHTS)) {
                        in.put(s.getKey(), s.getValue().produce(step));
                    }
                }
                Inputs inputs = Inputs.of(in);
                NDArray per = objective.perSample(inputs);
                NDArray weights = sources.containsKey(InputNames.WEIGHTS)
                        ? sources.get(InputNames.WEIGHTS).produce(step.withPerSample(per.stopGradient()))
                        : batch.get(InputNames.WEIGHTS);
                NDArray mean = Reduction.MEAN.apply(per, weights);
                if (hook != null) {
                    hook.afterForward(epoch, plannedEpochs, inputs);
                }
                if (update) {
                    gc.backward(mean);
                }
                perSample = per.toFloatArray();
                loss = weights == null ? unweightedMean(perSample) : mean.getFloat();
            }
            if (update) {
                if (gradientListener != null) {
                    gradientListener.onGradients(epoch, block.getParameters());
                }
                update();
            }
            listener.onStep(epoch, ids, perSample, loss);
            return loss;
        }
    }

    private static float unweightedMean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    private void update() {
        if (maxGradNorm > 0) {
            clipGradients();
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient()) {
                optimizer.update(p.getValue().getId(), w, g);
            }
        }
    }

    private void clipGradients() {
        double sq = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            try (NDArray g = p.getValue().getArray().getGradient(); NDArray g2 = g.mul(g); NDArray s = g2.sum()) {
                sq += s.toArray()[0].doubleValue();
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxGradNorm) {
            float scale = (float) (maxGradNorm / (norm + 1e-6));
            for (Pair<String, Parameter> p : block.getParameters()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    g.muli(scale);
                }
            }
        }
    }

    /** Model outputs for {@code x} (one row per sample; the first array of a model with several heads), in batches without gradients. */
    public float[][] outputs(float[][] x) {
        return outputs(x, 0);
    }

    /** The {@code head}-th array a model with several heads returns for {@code x}, one row per sample, without gradients. */
    public float[][] outputs(float[][] x, int head) {
        float[][] out = new float[x.length][];
        int batch = 512;
        for (int start = 0; start < x.length; start += batch) {
            int end = Math.min(x.length, start + batch);
            try (NDManager scope = manager.newSubManager()) {
                NDArray y = block.forward(store, new NDList(HostArrays.float32(scope, Arrays.copyOfRange(x, start, end))), false).get(head);
                long c = y.getShape().dimension() == 1 ? 1 : y.getShape().get(1);
                float[] flat = y.toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    out[start + i] = Arrays.copyOfRange(flat, (int) (i * c), (int) ((i + 1) * c));
                }
            }
        }
        return out;
    }

    /** Top-1 accuracy of the model's logits on a classification set. */
    public double accuracy(TabularData data) {
        return Metrics.accuracy(outputs(data.x()), data.y());
    }
}
