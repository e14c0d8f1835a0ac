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
import dev.losslab.train.optim.LossAwareOptimizer;
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
    private Alignment alignment;
    private dev.losslab.train.averaging.ParameterAveraging averaging;

    private Surrogate surrogate;

    /** The two parts of the objective whose gradients {@link #alignGradients} aligns. */
    private record Alignment(Objective primary, Objective secondary) {}

    /** SSO's step size η in target space and its inner updates per batch ({@link #targetSurrogate}). */
    private record Surrogate(double eta, int innerSteps) {}

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

    /**
     * Folds the weights into {@code averaging} (EMA or SWA) after every update; the run's progress
     * it sees is epoch/plannedEpochs (1 when the plan is unknown), so SWA starts at an epoch boundary.
     */
    public Training averageParameters(dev.losslab.train.averaging.ParameterAveraging averaging) {
        this.averaging = averaging;
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
            if (alignment != null) {
                return alignedStep(epoch, step, batch, update, listener);
            }
            if (surrogate != null) {
                return surrogateStep(epoch, step, batch, update, listener);
            }
            float loss;
            float[] perSample;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                if (hook != null) {
                    hook.beforeStep(epoch, plannedEpochs);
                }
                Map<String, NDArray> in = forwardInputs(step, batch);
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
                update(epoch, perSample);
            }
            listener.onStep(epoch, ids, perSample, loss);
            return loss;
        }
    }

    /** The objective's inputs for one forward pass: the batch's data, the model's outputs, every fed source but the weights. */
    private Map<String, NDArray> forwardInputs(Step step, Map<String, NDArray> batch) {
        Map<String, NDArray> in = new LinkedHashMap<>(batch);
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
        return in;
    }

    /**
     * Aligns the gradients of two parts of the objective before each update (paper 01's {@code --ga},
     * the official {@code OptimGradAlign}): with g_p the gradient of {@code primary} and g_s that of
     * {@code secondary}, both flattened over all parameters, g_s ← g_s − (⟨g_s, g_p⟩/‖g_p‖²)·g_p
     * when ⟨g_s, g_p⟩ &lt; 0 (PCGrad's projection; g_p is never changed), and the update uses
     * g_p + g_s. The two parts must read only the objective's inputs and add up to it (for DHKD:
     * {@code new Dhkd(γ, 0, τ)} and {@code new Dhkd(0, α, τ)}); each gets its own forward pass. The
     * reported loss is the objective's. Not available with per-sample weights or a {@link TrainingHook}.
     */
    public Training alignGradients(Objective primary, Objective secondary) {
        for (Objective part : new Objective[] {primary, secondary}) {
            for (InputSpec in : part.inputs()) {
                if (!in.optional() && !reads(in.name())) {
                    throw new IllegalArgumentException(part.name() + " reads " + in.name() + ", which " + objective.name() + " does not declare");
                }
            }
        }
        if (hook != null || reads(InputNames.WEIGHTS) || sources.containsKey(InputNames.WEIGHTS)) {
            throw new IllegalStateException("gradient alignment is not available with per-sample weights or a training hook");
        }
        this.alignment = new Alignment(primary, secondary);
        return this;
    }

    private float alignedStep(int epoch, Step step, Map<String, NDArray> batch, boolean update, StepListener listener) {
        Objective primary = alignment.primary();
        Objective secondary = alignment.secondary();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(primary.perSample(Inputs.of(forwardInputs(step, batch))).mean());
        }
        double[] gp = takeGradients(null);
        float[] perSample;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Inputs inputs = Inputs.of(forwardInputs(step, batch));
            perSample = objective.perSample(inputs).toFloatArray();
            gc.backward(secondary.perSample(inputs).mean());
        }
        double[] gs = takeGradients(null);
        GradientAlignment.project(gs, gp);
        for (int i = 0; i < gs.length; i++) {
            gs[i] += gp[i];
        }
        takeGradients(gs);
        if (update) {
            if (gradientListener != null) {
                gradientListener.onGradients(epoch, block.getParameters());
            }
            update(epoch, perSample);
        }
        float loss = unweightedMean(perSample);
        listener.onStep(epoch, step.ids(), perSample, loss);
        return loss;
    }

    /**
     * Trains by stochastic surrogate optimisation in target space (SSO; paper 08, Lavington et al.
     * 2023, spec 08): each batch queries the loss gradient ℓ'_i = ∂ℓ_i/∂z at the model's outputs
     * z_t once, then makes {@code innerSteps} updates of the optimizer on the surrogate
     * g_t(θ) = (1/B) Σ_i [ℓ'_iᵀ(f_i(θ) − z_t,i) + ‖f_i(θ) − z_t,i‖²/(2η)] ({@link
     * dev.losslab.train.optim.TargetSurrogate#surrogate}), which needs model passes only; with plain
     * SGD at rate α these are spec 08's inner GD steps. The reported loss is the batch's at z_t; each
     * inner update counts as one step of the learning-rate schedule. Only for an objective with one
     * trained input, and not with per-sample weights, a {@link TrainingHook} or gradient alignment.
     */
    public Training targetSurrogate(double eta, int innerSteps) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta: must be finite and > 0, got " + eta);
        }
        if (innerSteps < 1) {
            throw new IllegalArgumentException("innerSteps: must be ≥ 1, got " + innerSteps);
        }
        if (outputNames.size() != 1 || hook != null || alignment != null || reads(InputNames.WEIGHTS) || sources.containsKey(InputNames.WEIGHTS)) {
            throw new IllegalStateException("the target-space surrogate needs an objective with one trained input (" + objective.name() + " trains "
                    + outputNames + "), without per-sample weights, a training hook or gradient alignment");
        }
        this.surrogate = new Surrogate(eta, innerSteps);
        return this;
    }

    private float surrogateStep(int epoch, Step step, Map<String, NDArray> batch, boolean update, StepListener listener) {
        Map<String, NDArray> in = forwardInputs(step, batch);
        String output = outputNames.get(0);
        NDArray zt = in.get(output).stopGradient();
        NDArray z = zt.duplicate();
        z.setRequiresGradient(true);
        in.put(output, z);
        float[] perSample;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray per = objective.perSample(Inputs.of(in));
            perSample = per.toFloatArray();
            gc.backward(per.sum());
        }
        NDArray slope = z.getGradient().stopGradient();
        for (int j = 0; j < surrogate.innerSteps() && update; j++) {
            try (NDManager inner = step.scope().newSubManager()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray g = dev.losslab.train.optim.TargetSurrogate.surrogate(step.forward(step.features()), zt, slope, surrogate.eta());
                    g.attach(inner);
                    gc.backward(g);
                }
                if (gradientListener != null) {
                    gradientListener.onGradients(epoch, block.getParameters());
                }
                update(epoch, perSample);
            }
        }
        float loss = unweightedMean(perSample);
        listener.onStep(epoch, step.ids(), perSample, loss);
        return loss;
    }

    /** Every parameter's gradient, flattened in parameter order, as float64; the gradients are then zeroed, or set to {@code replacement}. */
    private double[] takeGradients(double[] replacement) {
        java.util.List<double[]> parts = new java.util.ArrayList<>();
        int offset = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient(); NDManager scratch = manager.newSubManager(); NDArray wide = g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
                int size = (int) g.size();
                parts.add(wide.toDoubleArray());
                g.subi(g);
                if (replacement != null) {
                    g.addi(scratch.create(Arrays.copyOfRange(replacement, offset, offset + size), g.getShape()).toType(g.getDataType(), false));
                }
                offset += size;
            }
        }
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static float unweightedMean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return (float) (sum / values.length);
    }

    private void update(int epoch, float[] perSample) {
        if (optimizer instanceof LossAwareOptimizer aware) {
            aware.observeLosses(perSample);
        }
        if (maxGradNorm > 0) {
            clipGradients();
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            try (NDArray g = w.getGradient()) {
                optimizer.update(p.getValue().getId(), w, g);
            }
        }
        if (averaging != null) {
            averaging.update(block, plannedEpochs > 0 ? (double) epoch / plannedEpochs : 1);
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
