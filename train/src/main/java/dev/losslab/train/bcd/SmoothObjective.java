package dev.losslab.train.bcd;

/**
 * A smooth objective for block coordinate descent (paper 65): its value, gradient, and a fixed
 * matrix H ⪰ ∇²f(x) for all x (the code's {@code Hb}), from which the coordinate constants
 * L_i = H_ii, block constants L_b = λ_max(H_bb) and Gershgorin bounds d_i = Σ_j |H_ij| follow.
 */
public interface SmoothObjective {
    double value(double[] x);

    double[] gradient(double[] x);

    /** The fixed upper bound H of the Hessian, p × p. */
    double[][] hessianBound();

    int dimension();

    /** The true Hessian block ∇²_bb f(x) (rows and columns {@code block}), for exact Newton updates. */
    double[][] hessian(double[] x, int[] block);

    /** Least squares f(x) = ½‖Ax − b‖², H = AᵀA (exact). */
    static SmoothObjective leastSquares(double[][] a, double[] b) {
        return new Glm(a, b, false);
    }

    /** Binary logistic f(x) = Σ_i log(1 + exp(−b_i a_iᵀx)), b_i ∈ {±1}, H = ¼AᵀA. */
    static SmoothObjective logistic(double[][] a, double[] b) {
        for (double v : b) {
            if (v != 1 && v != -1) {
                throw new IllegalArgumentException("b: logistic labels must be ±1, found " + v);
            }
        }
        return new Glm(a, b, true);
    }
}
