package dev.losslab.lab.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Paper 06 (Tyurin 2024, "From Logistic Regression to the Perceptron Algorithm", spec 06): full-batch
 * methods for a linear classifier without bias on data a_i ∈ ℝ^d with labels y_i ∈ {−1, +1},
 * starting from θ₀ = 0, in float64. With margins m_i = y_i a_iᵀθ:
 * <ul>
 *   <li>LR+GD: θ ← θ − γ∇f(θ), f(θ) = (1/n) Σ log(1 + e^{−m_i}), ∇f = −(1/n) Σ σ(−m_i) y_i a_i;</li>
 *   <li>Normalized LR+GD: θ ← θ − γ β ∇f(θ), β = ((1/n) Σ σ(−m_i))⁻¹ (β₀ = 2);</li>
 *   <li>Batch Perceptron: θ₁ = (1/2n) Σ y_i a_i, then θ ← θ + (1/n) Σ_{i ∈ S} y_i a_i with S = {i : m_i ≤ 0}
 *       (the γ → ∞ limit of LR+GD divided by γ);</li>
 *   <li>Normalized Batch Perceptron: θ ← θ + (1/|S|) Σ_{i ∈ S} y_i a_i;</li>
 *   <li>Perceptron: θ ← θ + y_j a_j for the first j ∈ S.</li>
 * </ul>
 * The metric is the number of updates until every m_i &gt; 0 (checked before each update, so the
 * minimum is 1), not the loss.
 */
public final class LargeStepLogistic implements AutoCloseable {
    /** The update rule. */
    public enum Method {
        LR_GD, NORMALIZED_LR_GD, BATCH_PERCEPTRON, NORMALIZED_BATCH_PERCEPTRON, PERCEPTRON
    }

    /** Updates until separation ({@code cap} if not reached) and the logistic loss after each update. */
    public record Run(int updates, boolean solved, double[] losses) {}

    private final NDManager manager;
    private final NDArray signedRows;
    private final int n;

    /** @param a the rows a_i [n][d]; @param y labels ±1 */
    public LargeStepLogistic(double[][] a, int[] y) {
        if (a.length == 0 || a.length != y.length) {
            throw new IllegalArgumentException("a and y must be non-empty and of equal length, got " + a.length + " and " + y.length);
        }
        double[][] signed = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            if (y[i] != 1 && y[i] != -1) {
                throw new IllegalArgumentException("y: labels must be −1 or +1, found " + y[i] + " at " + i);
            }
            signed[i] = a[i].clone();
            for (int j = 0; j < signed[i].length; j++) {
                signed[i][j] *= y[i];
            }
        }
        this.manager = NDManager.newBaseManager();
        this.signedRows = manager.create(signed);
        this.n = a.length;
    }

    /**
     * Theorem 5.1's worst case (spec 06, the paper's Table 1): one point (0.5, −1) labelled +1 and
     * n − 1 copies of (−0.5, −1) labelled −1.
     */
    public static LargeStepLogistic worstCase(int n) {
        double[][] a = new double[n][];
        int[] y = new int[n];
        a[0] = new double[] {0.5, -1};
        y[0] = 1;
        for (int i = 1; i < n; i++) {
            a[i] = new double[] {-0.5, -1};
            y[i] = -1;
        }
        return new LargeStepLogistic(a, y);
    }

    /** Runs {@code method} with step size γ (ignored by the perceptrons) for at most {@code cap} updates. */
    public Run run(Method method, double gamma, int cap) {
        double[] losses = new double[cap];
        try (NDManager scope = manager.newSubManager()) {
            NDArray theta = scope.zeros(new ai.djl.ndarray.types.Shape(signedRows.getShape().get(1)), DataType.FLOAT64);
            for (int t = 0; t < cap; t++) {
                try (NDManager step = scope.newSubManager()) {
                    NDArray margins = signedRows.matMul(theta);
                    margins.attach(step);
                    if (margins.gt(0).all().getBoolean()) {
                        return new Run(t, true, java.util.Arrays.copyOf(losses, t));
                    }
                    NDArray update = switch (method) {
                        case LR_GD, NORMALIZED_LR_GD -> {
                            NDArray s = Tensors.sigmoid(margins.neg());
                            NDArray direction = Scalars.div(s.matMul(signedRows), n);
                            double scale = method == Method.NORMALIZED_LR_GD ? gamma / s.mean().getDouble() : gamma;
                            yield Scalars.mul(direction, scale);
                        }
                        case BATCH_PERCEPTRON -> Scalars.div(misclassified(margins, t == 0).matMul(signedRows), t == 0 ? 2.0 * n : n);
                        case NORMALIZED_BATCH_PERCEPTRON -> {
                            NDArray mask = misclassified(margins, false);
                            yield Scalars.div(mask.matMul(signedRows), mask.sum().getDouble());
                        }
                        case PERCEPTRON -> {
                            NDArray row = signedRows.get(margins.lte(0).toType(DataType.INT64, false).argMax().getLong());
                            row.attach(step);
                            yield row;
                        }
                    };
                    NDArray next = theta.add(update);
                    next.attach(scope);
                    theta = next;
                    NDArray after = signedRows.matMul(theta);
                    after.attach(step);
                    losses[t] = Tensors.softplus(after.neg()).mean().getDouble();
                }
            }
        }
        return new Run(cap, false, losses);
    }

    /** The 0/1 indicator of m_i ≤ 0 (all ones for Batch Perceptron's first step, where every m_i = 0). */
    private static NDArray misclassified(NDArray margins, boolean all) {
        return all ? margins.onesLike() : margins.lte(0).toType(DataType.FLOAT64, false);
    }

    @Override
    public void close() {
        manager.close();
    }
}
