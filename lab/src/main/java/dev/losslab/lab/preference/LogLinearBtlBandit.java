package dev.losslab.lab.preference;

import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.lab.classifier.Lbfgs;
import java.util.Map;
import java.util.Random;

/**
 * Paper 12's theory testbed (spec 12 "LogLinearBtlBandit"): a log-linear policy
 * π_θ(a|s) ∝ exp(θᵀφ(s, a)) over K actions in each of S states, features φ ~ N(0, I_d), a true
 * parameter θ* ~ N(0, I) rescaled to norm {@code thetaNorm}, and n preference pairs (s uniform,
 * a uniform, a′ uniform among the other actions) labelled by Bradley–Terry–Luce,
 * P(a ≻ a′) = σ(β·θ*ᵀ(φ(s,a) − φ(s,a′))), each label then flipped with probability ε. With the
 * uniform reference (θ = 0) the DPO margin of a pair is h = θᵀ(φ_w − φ_l), so θ* is the clean DPO
 * population optimum. Random draws use {@link Random} (not numpy's stream).
 *
 * @param features φ[s][a][j]
 * @param thetaStar θ*
 * @param winners the preferred action's features per pair, after flips
 * @param losers the other action's features per pair
 */
public record LogLinearBtlBandit(double[][][] features, double[] thetaStar, double[][] winners, double[][] losers) {

    /** Draws a bandit and its labelled pairs; {@code seed} fixes everything, {@code epsilon} the flip rate. */
    public static LogLinearBtlBandit draw(int states, int actions, int dim, double thetaNorm, int pairs, double beta, double epsilon, long seed) {
        Random r = new Random(seed);
        double[][][] phi = new double[states][actions][dim];
        for (double[][] s : phi) {
            for (double[] a : s) {
                for (int j = 0; j < dim; j++) {
                    a[j] = r.nextGaussian();
                }
            }
        }
        double[] theta = new double[dim];
        for (int j = 0; j < dim; j++) {
            theta[j] = r.nextGaussian();
        }
        double scale = thetaNorm / norm(theta);
        for (int j = 0; j < dim; j++) {
            theta[j] *= scale;
        }
        double[][] winners = new double[pairs][];
        double[][] losers = new double[pairs][];
        for (int i = 0; i < pairs; i++) {
            int s = r.nextInt(states);
            int a = r.nextInt(actions);
            int b = r.nextInt(actions - 1);
            b = b >= a ? b + 1 : b;
            double pA = 1 / (1 + Math.exp(-beta * (dot(theta, phi[s][a]) - dot(theta, phi[s][b]))));
            boolean aWins = r.nextDouble() < pA;
            if (r.nextDouble() < epsilon) {
                aWins = !aWins;
            }
            winners[i] = phi[s][aWins ? a : b];
            losers[i] = phi[s][aWins ? b : a];
        }
        return new LogLinearBtlBandit(phi, theta, winners, losers);
    }

    /**
     * θ̂ minimising the mean of {@code loss} over the pairs (full batch, L-BFGS from θ = 0 until
     * ‖∇‖ ≤ {@code tolerance}): the loss sees policy log-probs θᵀφ_w and θᵀφ_l and zero reference
     * log-probs (the uniform reference's normaliser cancels in every margin), and its gradient comes
     * from the engine's autograd.
     */
    public double[] fit(Objective loss, double tolerance) {
        double[] theta = new double[thetaStar.length];
        Lbfgs.minimize((x, grad) -> valueAndGradient(loss, x, grad), theta, tolerance, 1000, 10);
        return theta;
    }

    /** θ after each of {@code steps} full-batch gradient-descent steps from θ = 0 (row 0 is the start). */
    public double[][] descend(Objective loss, int steps, double lr) {
        double[][] trajectory = new double[steps + 1][thetaStar.length];
        double[] grad = new double[thetaStar.length];
        for (int t = 1; t <= steps; t++) {
            double[] theta = trajectory[t - 1];
            valueAndGradient(loss, theta, grad);
            for (int j = 0; j < grad.length; j++) {
                trajectory[t][j] = theta[j] - lr * grad[j];
            }
        }
        return trajectory;
    }

    /** The mean loss at θ; writes its gradient with respect to θ into {@code grad}. */
    private double valueAndGradient(Objective loss, double[] theta, double[] grad) {
        double[] c = project(winners, theta);
        double[] zeros = new double[c.length];
        PairLossGradient g = PairLossGradient.of(loss, Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS,
                project(losers, theta), InputNames.REF_CHOSEN_LOGPS, zeros, InputNames.REF_REJECTED_LOGPS, zeros));
        java.util.Arrays.fill(grad, 0);
        for (int i = 0; i < c.length; i++) {
            for (int j = 0; j < grad.length; j++) {
                grad[j] += g.chosen()[i] * winners[i][j] + g.rejected()[i] * losers[i][j];
            }
        }
        return g.value();
    }

    /** ‖θ − θ*‖ / ‖θ*‖. */
    public double relativeError(double[] theta) {
        double[] d = new double[theta.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = theta[j] - thetaStar[j];
        }
        return norm(d) / norm(thetaStar);
    }

    /** The learned policy's expected true reward V = mean_s Σ_a π_θ(a|s)·θ*ᵀφ(s, a). */
    public double value(double[] theta) {
        double total = 0;
        for (double[][] s : features) {
            double[] pi = Categorical.softmax(project(s, theta));
            for (int a = 0; a < s.length; a++) {
                total += pi[a] * dot(thetaStar, s[a]);
            }
        }
        return total / features.length;
    }

    private static double[] project(double[][] rows, double[] theta) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = dot(rows[i], theta);
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
