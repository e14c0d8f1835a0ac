package dev.losslab.train.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.train.Targets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic surrogate optimization in target space (SSO; paper 08, Lavington et al., ICML 2023,
 * spec 08; the official {@code sgd_fmdopt.py}). Each outer step evaluates the model's outputs
 * z_t = f(θ_t; X_B) and queries the loss gradient ℓ'_i = ∂ℓ(z, y_i)/∂z at z_t once (the "expensive"
 * call), then takes m cheap gradient steps θ ← θ − α∇_θ g_t(θ) on the per-sample-normalised surrogate
 * g_t(θ) = (1/B) Σ_i [ℓ'_iᵀ(f_i(θ) − z_t,i) + ‖f_i(θ) − z_t,i‖²/(2η)], which needs only model
 * forward and backward passes; g_t majorises the loss when η ≤ 1/L (ℓ L-smooth in z; the full
 * batch gives majorisation–minimisation). The objective's first trained input receives the model
 * output. The inner step α is given, or, for a model linear in θ on the features (a bias-free
 * {@code Linear}), the safe α = Bη/λ_max(X_BᵀX_B) ({@link #linearSafeStep}). The code's Armijo inner
 * line search and η schedules are not included.
 */
public final class TargetSurrogate {
    private final Block model;
    private final Objective loss;
    private final double eta;
    private final int innerSteps;
    private final double innerStep;
    private final NDManager manager;
    private final ParameterStore store;
    private final String outputName;

    /** @param innerStep α, or NaN for {@link #linearSafeStep} on each batch */
    public TargetSurrogate(Block model, Objective loss, double eta, int innerSteps, double innerStep, NDManager manager) {
        if (!(eta > 0) || innerSteps < 1 || !(innerStep > 0 || Double.isNaN(innerStep))) {
            throw new IllegalArgumentException("need eta > 0, innerSteps ≥ 1 and innerStep > 0 (or NaN), got " + eta + ", " + innerSteps + ", " + innerStep);
        }
        this.model = model;
        this.loss = loss;
        this.eta = eta;
        this.innerSteps = innerSteps;
        this.innerStep = innerStep;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
        this.outputName = loss.inputs().stream().filter(InputSpec::trained).findFirst().orElseThrow().name();
    }

    /** Bη/λ_max(X_BᵀX_B), the largest safe GD step on the surrogate of a linear model (its Hessian is X_BᵀX_B/(Bη)). */
    public static double linearSafeStep(float[][] xb, double eta) {
        int d = xb[0].length;
        double[][] gram = new double[d][d];
        for (float[] row : xb) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    gram[i][j] += (double) row[i] * row[j];
                }
            }
        }
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 0;
        for (int it = 0; it < 500; it++) {
            double[] w = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    w[i] += gram[i][j] * v[j];
                }
            }
            double norm = Math.sqrt(java.util.Arrays.stream(w).map(a -> a * a).sum());
            if (norm == 0) {
                return Double.POSITIVE_INFINITY;
            }
            double next = norm;
            for (int i = 0; i < d; i++) {
                v[i] = w[i] / norm;
            }
            if (Math.abs(next - lambda) <= 1e-12 * next) {
                lambda = next;
                break;
            }
            lambda = next;
        }
        return xb.length * eta / lambda;
    }

    /**
     * The per-sample-normalised surrogate g_t = (1/B) Σ_i [ℓ'_iᵀ(f_i − z_t,i) + ‖f_i − z_t,i‖²/(2η)]
     * (a scalar, differentiable in the model outputs f [B, …]; z_t and the slopes ℓ' are constants).
     */
    public static NDArray surrogate(NDArray f, NDArray zt, NDArray slope, double eta) {
        NDArray diff = f.sub(zt);
        NDArray g = slope.mul(diff).sum().add(Scalars.div(diff.square().sum(), 2 * eta));
        return Scalars.div(g, f.getShape().get(0));
    }

    /** One outer step on the rows {@code ids} of {@code x}; returns the batch loss at θ_t. */
    public double step(float[][] x, Targets targets, int[] ids) {
        float[][] rows = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            rows[i] = x[ids[i]];
        }
        double alpha = Double.isNaN(innerStep) ? linearSafeStep(rows, eta) : innerStep;
        try (NDManager scope = manager.newSubManager()) {
            NDArray features = HostArrays.float32(scope, rows);
            Map<String, NDArray> batch = targets.create(scope, ids);
            NDArray zt = model.forward(store, new NDList(features), false).singletonOrThrow().stopGradient();
            NDArray z = zt.duplicate();
            z.setRequiresGradient(true);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Map<String, NDArray> in = new LinkedHashMap<>(batch);
                in.put(outputName, z);
                NDArray per = loss.perSample(Inputs.of(in));
                value = per.mean().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
                gc.backward(per.sum());
            }
            NDArray slope = z.getGradient().stopGradient();
            for (int j = 0; j < innerSteps; j++) {
                try (NDManager inner = scope.newSubManager()) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray f = model.forward(store, new NDList(features), true).singletonOrThrow();
                        NDArray surrogate = surrogate(f, zt, slope, eta);
                        surrogate.attach(inner);
                        gc.backward(surrogate);
                    }
                    for (Pair<String, Parameter> p : model.getParameters()) {
                        NDArray w = p.getValue().getArray();
                        try (NDArray grad = w.getGradient(); NDArray delta = Scalars.mul(grad, alpha)) {
                            w.subi(delta);
                            grad.muli(0);
                        }
                    }
                }
            }
            return value;
        }
    }
}
