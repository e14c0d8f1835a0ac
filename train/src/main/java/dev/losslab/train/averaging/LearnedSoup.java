package dev.losslab.train.averaging;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The learned soup by layer of paper 45 (appendix; the official {@code learned_bylayer.py}, which
 * its authors mark as less tested): for L tensors and K frozen models, mixing logits α ∈ ℝ^{L×K}
 * (zeros: uniform) and a logit temperature β (1) give θ_l = Σ_k softmax(α_l)_k·θ_{k,l} and logits
 * β·f(θ; x); α and β minimise the cross-entropy on held-out data with Adam (the code's AdamW with
 * weight decay 0), lr 0.05, 5 epochs, batch 256. The models need a functional form f(θ; x)
 * ({@link FunctionalModel}; {@link #mlp} for LossLab's MLPs). The returned soup holds the mixed
 * weights; β only rescales the logits and is reported by {@link #temperature}.
 */
public final class LearnedSoup {
    /** A model as a function of its weights (in state-dict order) and a batch of inputs. */
    @FunctionalInterface
    public interface FunctionalModel {
        NDArray logits(List<NDArray> weights, NDArray x);
    }

    /** Creates a learned soup with its optimisation settings. */
    @FunctionalInterface
    public interface Factory {
        LearnedSoup create();
    }

    public static final Param EPOCHS = Param.integer("epochs", 5, Range.atLeast(1), "passes over the held-out data");
    public static final Param LR = Param.real("lr", 0.05, Range.greaterThan(0), "Adam learning rate of the mixing logits and temperature");
    public static final Param BATCH = Param.integer("batch", 256, Range.atLeast(1), "held-out batch size");

    @Registered
    public static final Component<Factory> COMPONENT = Component.declare("learned-soup", Kind.AVERAGING, "averaging").papers(45)
            .summary("learned soup by layer: per-tensor softmax mixing weights and a logit temperature trained on held-out data")
            .params(EPOCHS, LR, BATCH).build(p -> () -> new LearnedSoup(p.integer(EPOCHS), p.real(LR), p.integer(BATCH), 0));

    private final int epochs;
    private final double lr;
    private final int batch;
    private final long seed;
    private double[][] mixing;
    private double temperature = 1;

    public LearnedSoup(int epochs, double lr, int batch, long seed) {
        this.epochs = EPOCHS.check(epochs);
        this.lr = LR.check(lr);
        this.batch = BATCH.check(batch);
        this.seed = seed;
    }

    /** The functional form of {@code Mlp}: weights [W₁, b₁, W₂, b₂, …] in DJL's Linear layout (W [out, in]), {@code activation} between layers. */
    public static FunctionalModel mlp(UnaryOperator<NDArray> activation) {
        return (w, x) -> {
            NDArray h = x;
            for (int l = 0; l < w.size(); l += 2) {
                h = h.matMul(w.get(l).transpose()).add(w.get(l + 1));
                if (l + 2 < w.size()) {
                    h = activation.apply(h);
                }
            }
            return h;
        };
    }

    /** The shapes of a block's parameters, in state-dict order (for {@link #cook}). */
    public static List<Shape> shapesOf(ai.djl.nn.Block block) {
        List<Shape> shapes = new ArrayList<>();
        block.getParameters().forEach(p -> shapes.add(p.getValue().getArray().getShape()));
        return shapes;
    }

    /** Learns the mixing on held-out rows (x, y) and returns the mixed weights; {@code shapes} gives each tensor's shape, in state-dict order. */
    public StateDict cook(List<StateDict> models, List<Shape> shapes, FunctionalModel model, float[][] x, int[] y) {
        if (models.isEmpty() || x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("need models and non-empty held-out data with one label per row");
        }
        List<String> names = new ArrayList<>(models.get(0).tensors().keySet());
        int layers = names.size();
        if (shapes.size() != layers) {
            throw new IllegalArgumentException("shapes: expected one per tensor (" + layers + "), got " + shapes.size());
        }
        int k = models.size();
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> stacked = new ArrayList<>();
            for (String name : names) {
                NDList per = new NDList();
                for (StateDict m : models) {
                    float[] v = m.tensors().get(name);
                    if (v == null || v.length != models.get(0).tensors().get(name).length) {
                        throw new IllegalArgumentException("models differ at tensor " + name);
                    }
                    per.add(manager.create(v));
                }
                stacked.add(NDArrays.stack(per));
            }
            NDArray alpha = manager.zeros(new Shape(layers, k), DataType.FLOAT32);
            NDArray beta = manager.ones(new Shape(1), DataType.FLOAT32);
            alpha.setRequiresGradient(true);
            beta.setRequiresGradient(true);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build();
            Random order = new Random(seed);
            for (int e = 0; e < epochs; e++) {
                int[] perm = permutation(x.length, order);
                for (int start = 0; start < perm.length; start += batch) {
                    int[] ids = java.util.Arrays.copyOfRange(perm, start, Math.min(perm.length, start + batch));
                    try (NDManager scope = manager.newSubManager()) {
                        float[][] rows = new float[ids.length][];
                        int[] labels = new int[ids.length];
                        for (int i = 0; i < ids.length; i++) {
                            rows[i] = x[ids[i]];
                            labels[i] = y[ids[i]];
                        }
                        NDArray xb = HostArrays.float32(scope, rows);
                        NDArray yb = HostArrays.int64(scope, labels);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = model.logits(mixed(stacked, alpha, shapes), xb).mul(beta);
                            NDArray loss = Tensors.softplus(Tensors.labelLogOdds(logits, yb)).mean();
                            loss.attach(scope);
                            gc.backward(loss);
                        }
                        try (NDArray ga = alpha.getGradient(); NDArray gb = beta.getGradient()) {
                            adam.update("alpha", alpha, ga);
                            adam.update("beta", beta, gb);
                        }
                    }
                }
            }
            NDArray weights = alpha.stopGradient().softmax(1);
            mixing = new double[layers][k];
            float[] flat = weights.toFloatArray();
            for (int l = 0; l < layers; l++) {
                for (int j = 0; j < k; j++) {
                    mixing[l][j] = flat[l * k + j];
                }
            }
            temperature = beta.getFloat();
            Map<String, float[]> out = new LinkedHashMap<>();
            for (int l = 0; l < layers; l++) {
                double[] c = mixing[l];
                out.put(names.get(l), StateDict.combine(models, c).tensors().get(names.get(l)));
            }
            return new StateDict(out);
        }
    }

    /** θ_l = Σ_k softmax(α_l)_k θ_{k,l}, each reshaped to its tensor's shape. */
    private static List<NDArray> mixed(List<NDArray> stacked, NDArray alpha, List<Shape> shapes) {
        NDArray weights = alpha.softmax(1);
        List<NDArray> out = new ArrayList<>();
        for (int l = 0; l < stacked.size(); l++) {
            NDArray w = weights.get(l).reshape(-1, 1);
            out.add(stacked.get(l).mul(w).sum(new int[] {0}).reshape(shapes.get(l)));
        }
        return out;
    }

    /** softmax(α_l) per tensor after the last {@link #cook}. */
    public double[][] mixing() {
        return mixing;
    }

    /** The learned logit temperature β. */
    public double temperature() {
        return temperature;
    }

    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
