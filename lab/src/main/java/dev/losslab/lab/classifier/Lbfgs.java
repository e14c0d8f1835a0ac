package dev.losslab.lab.classifier;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS (Nocedal and Wright, Algorithm 7.4) with a backtracking Armijo line search,
 * for the small smooth convex problems of the linear probes. Stops when ‖∇f‖ ≤ tolerance, after
 * {@code maxIterations}, or once f no longer moves in float64: a step that lowers f by at most
 * 64·ε·max(|f|, 1) (scipy's {@code ftol} as sklearn sets it), or a line search that finds no
 * decrease in 50 halvings (sklearn's {@code maxls}). Without the last two a sum objective of size
 * 10³ spins at its rounding floor when asked for ‖∇f‖ ≤ 1e-6.
 */
public final class Lbfgs {
    private static final double FTOL = 64 * Math.ulp(1.0);
    private static final int MAX_HALVINGS = 50;

    /** A differentiable function: returns f(x) and writes ∇f(x) into {@code grad}. */
    @FunctionalInterface
    public interface Function {
        double valueAndGradient(double[] x, double[] grad);
    }

    /**
     * @param x the start; overwritten with the minimiser
     * @return the number of iterations used
     */
    public static int minimize(Function f, double[] x, double tolerance, int maxIterations, int memory) {
        int n = x.length;
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        Deque<double[]> ss = new ArrayDeque<>();
        Deque<double[]> ys = new ArrayDeque<>();
        Deque<Double> rhos = new ArrayDeque<>();
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            if (norm(g) <= tolerance) {
                return it;
            }
            double[] d = direction(g, ss, ys, rhos);
            double slope = dot(g, d);
            if (slope >= 0) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = -dot(g, g);
                ss.clear();
                ys.clear();
                rhos.clear();
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean decreased = false;
            for (int ls = 0; ls < MAX_HALVINGS && !decreased; ls++, step *= 0.5) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                decreased = fNew <= fx + 1e-4 * step * slope;
            }
            if (!decreased) {
                return it;
            }
            boolean flat = fx - fNew <= FTOL * Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1);
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                if (ss.size() == memory) {
                    ss.removeFirst();
                    ys.removeFirst();
                    rhos.removeFirst();
                }
                ss.addLast(s);
                ys.addLast(y);
                rhos.addLast(1 / sy);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (flat) {
                return it + 1;
            }
        }
        return maxIterations;
    }

    private static double[] direction(double[] g, Deque<double[]> ss, Deque<double[]> ys, Deque<Double> rhos) {
        int m = ss.size();
        double[] q = g.clone();
        double[] alpha = new double[m];
        double[][] s = ss.toArray(new double[0][]);
        double[][] y = ys.toArray(new double[0][]);
        Double[] rho = rhos.toArray(new Double[0]);
        for (int i = m - 1; i >= 0; i--) {
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        double gamma = m > 0 ? dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]) : 1;
        for (int i = 0; i < q.length; i++) {
            q[i] *= gamma;
        }
        for (int i = 0; i < m; i++) {
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
        return q;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
