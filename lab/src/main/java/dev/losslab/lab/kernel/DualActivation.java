package dev.losslab.lab.kernel;

import java.util.Locale;

/**
 * A normalised dual activation ǒ: [−1, 1] → [−1, 1] with ǒ(1) = 1 (paper 41, Radhakrishnan, Belkin
 * and Uhler; official {@code models.py}): ǒ(ξ) = E[φ(u)φ(v)] for standard normals u, v with
 * correlation ξ. The names are the official ones.
 */
public interface DualActivation {

    double value(double xi);

    double derivative(double xi);

    /**
     * The singular-kernel exponent of the infinite-depth limit, α = 2·ln(1/ǒ'(0))/ln ǒ'(1)
     * (∞ when ǒ'(0) = 0: the 1-nearest-neighbour regime).
     */
    default double singularExponent() {
        double d0 = derivative(0);
        return d0 == 0 ? Double.POSITIVE_INFINITY : 2 * Math.log(1 / d0) / Math.log(derivative(1));
    }

    /** ǒ(ξ) = Σ_k a_k ξ^k with a_k ≥ 0 summing to 1 (φ = Σ_k √a_k·h_k, normalised Hermite polynomials). */
    static DualActivation polynomial(double... a) {
        return new DualActivation() {
            @Override
            public double value(double xi) {
                double s = 0;
                for (int k = a.length - 1; k >= 0; k--) {
                    s = s * xi + a[k];
                }
                return s;
            }

            @Override
            public double derivative(double xi) {
                double s = 0;
                for (int k = a.length - 1; k >= 1; k--) {
                    s = s * xi + k * a[k];
                }
                return s;
            }
        };
    }

    /** ǒ(ξ) = sinh(aξ)/sinh(a), from φ(x) = sin(√a·x)/√(e^{−a} sinh a). */
    static DualActivation sine(double a) {
        return new DualActivation() {
            @Override
            public double value(double xi) {
                return Math.sinh(a * xi) / Math.sinh(a);
            }

            @Override
            public double derivative(double xi) {
                return a * Math.cosh(a * xi) / Math.sinh(a);
            }
        };
    }

    /** ǒ(ξ) = arcsin(2ξ/3)/arcsin(2/3), the dual of erf. */
    static DualActivation erf() {
        double norm = Math.asin(2.0 / 3);
        return new DualActivation() {
            @Override
            public double value(double xi) {
                return Math.asin(2 * xi / 3) / norm;
            }

            @Override
            public double derivative(double xi) {
                return 2.0 / 3 / Math.sqrt(1 - 4 * xi * xi / 9) / norm;
            }
        };
    }

    /** ǒ(ξ) = (ξ(π − arccos ξ) + √(1 − ξ²))/π, the arc-cosine dual of √2·ReLU. */
    static DualActivation relu() {
        return new DualActivation() {
            @Override
            public double value(double xi) {
                return (xi * (Math.PI - Math.acos(xi)) + Math.sqrt(Math.max(0, 1 - xi * xi))) / Math.PI;
            }

            @Override
            public double derivative(double xi) {
                return (Math.PI - Math.acos(xi)) / Math.PI;
            }
        };
    }

    /**
     * By official name: {@code 2d_opt} (ξ⁷/2 + ξ/2), {@code 3d_opt} (ξ³/2 + ξ/2), {@code 5d_opt}
     * (ξ³/4 + ξ²/2 + ξ/4), {@code 9d_opt} (ξ³/16 + 7ξ²/8 + ξ/16), {@code sine_A}, {@code erf},
     * {@code relu}, {@code hermite_K} (ξ^K).
     */
    static DualActivation named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "2d_opt":
                return polynomial(0, 0.5, 0, 0, 0, 0, 0, 0.5);
            case "3d_opt":
                return polynomial(0, 0.5, 0, 0.5);
            case "5d_opt":
                return polynomial(0, 0.25, 0.5, 0.25);
            case "9d_opt":
                return polynomial(0, 1.0 / 16, 7.0 / 8, 1.0 / 16);
            case "erf":
                return erf();
            case "relu":
                return relu();
            default:
                if (n.startsWith("sine_")) {
                    return sine(Double.parseDouble(n.substring(5)));
                }
                if (n.startsWith("hermite_")) {
                    int k = Integer.parseInt(n.substring(8));
                    double[] a = new double[k + 1];
                    a[k] = 1;
                    return polynomial(a);
                }
                throw new IllegalArgumentException("unknown dual activation '" + name + "'");
        }
    }
}
