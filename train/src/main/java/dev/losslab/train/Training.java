package dev.losslab.train;

import static dev.losslab.core.InputNames.ADVERSARIAL_LOGITS;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small, deterministic training loop on DJL, without {@code EasyTrain} (which evaluates the loss
 * twice per batch) and without {@code Trainer.step()} (whose first-step gradient check rejects
 * legitimately zero-sum gradients).
 *
 * <p>Each step runs in its own {@link NDManager} sub-scope, so nothing but parameters, their
 * gradients and optimizer state outlives a step. The model's output is handed to the objective
 * under the name of its first trained input ({@code logits} for classifiers), together with the
 * batch's {@link Targets} (e.g. {@code labels} and {@code sample_ids}).
 */
public final class Training {
    /** Input name of the model's output at the adversarial point. */
    private final Block block;
    private final Objective objective;
    private final Optimizer optimizer;
    private final NDManager manager;
    private final ParameterStore store;
    private final String outputName;
    private final Map<String, Parameter> fed = new LinkedHashMap<>();
    private double maxGradNorm;
    private PgdAttack attack;
    private java.util.Random attackRng;
    private GradientListener gradientListener;

    /**
     * @param block an initialised model mapping [B, D] features to the objective's trained input
     * @param manager the manager that owns the model's parameters
     */
    public Training(Block block, Objective objective, Optimizer optimizer, NDManager manager) {
        this.block = block;
        this.objective = objective;
        this.optimizer = optimizer;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.outputName = objective.inputs().stream().filter(InputSpec::trained).findFirst().orElseThrow().name();
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

    /**
     * Hands a model parameter to the objective as the input {@code inputName} at every step (e.g.
     * the output-layer weights of {@code l2-svm}). It is attached to the step's scope while in
     * use, so the objective's temporaries are freed with the step.
     */
    public Training feed(String inputName, Parameter parameter) {
        fed.put(inputName, parameter);
        return this;
    }

    /**
     * {@link #feed} when the objective declares the input {@code inputName}, otherwise nothing:
     * lets a model offer, say, its output-layer weights to whichever loss is chosen.
     */
    public Training feedIfRead(String inputName, Parameter parameter) {
        return objective.inputs().stream().anyMatch(in -> in.name().equals(inputName)) ? feed(inputName, parameter) : this;
    }

    /**
     * Adversarial training for objectives with an {@code adversarial_logits} input (e.g.
     * {@code adv-comp-sum}): before each step the attack finds x' for the batch (no gradient),
     * and the model's output on x' is handed to the objective as {@code adversarial_logits}.
     * Needs integer labels among the batch targets.
     */
    public Training adversarial(PgdAttack attack, long seed) {
        this.attack = attack;
        this.attackRng = new java.util.Random(seed);
        return this;
    }

    /** Calls {@code listener} with the gradients of every step, before the optimizer update. */
    public Training onGradients(GradientListener listener) {
        this.gradientListener = listener;
        return this;
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

    /** One optimisation step on the samples {@code ids}; returns the loss. */
    public float step(int epoch, float[][] x, Targets targets, int[] ids, StepListener listener) {
        float[][] adversarial = null;
        if (attack != null) {
            try (NDManager probe = manager.newSubManager()) {
                int[] labels = targets.create(probe, ids).get(InputNames.LABELS).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                adversarial = attack.attack(block, manager, rows(x, ids), labels, attackRng);
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray features = HostArrays.float32(scope, rows(x, ids));
            float loss;
            float[] perSample;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray output = block.forward(store, new NDList(features), true).singletonOrThrow();
                Map<String, NDArray> in = new LinkedHashMap<>(targets.create(scope, ids));
                in.put(outputName, output);
                if (adversarial != null) {
                    in.put(ADVERSARIAL_LOGITS, block.forward(store, new NDList(HostArrays.float32(scope, adversarial)), true).singletonOrThrow());
                }
                for (Map.Entry<String, Parameter> f : fed.entrySet()) {
                    NDArray w = f.getValue().getArray();
                    scope.tempAttachAll(w);
                    in.put(f.getKey(), w);
                }
                NDArray per = objective.perSample(Inputs.of(in));
                gc.backward(per.mean());
                perSample = per.toFloatArray();
                double sum = 0;
                for (float v : perSample) {
                    sum += v;
                }
                loss = (float) (sum / perSample.length);
            }
            if (gradientListener != null) {
                gradientListener.onGradients(epoch, block.getParameters());
            }
            update();
            listener.onStep(epoch, ids, perSample, loss);
            return loss;
        }
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

    /** Model outputs for {@code x} (one row per sample), computed in batches without gradients. */
    public float[][] outputs(float[][] x) {
        float[][] out = new float[x.length][];
        int batch = 512;
        for (int start = 0; start < x.length; start += batch) {
            int end = Math.min(x.length, start + batch);
            try (NDManager scope = manager.newSubManager()) {
                NDArray y = block.forward(store, new NDList(HostArrays.float32(scope, Arrays.copyOfRange(x, start, end))), false).singletonOrThrow();
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

    private static float[][] rows(float[][] x, int[] ids) {
        float[][] r = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            r[i] = x[ids[i]];
        }
        return r;
    }
}
