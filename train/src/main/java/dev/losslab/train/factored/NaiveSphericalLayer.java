package dev.losslab.train.factored;

import dev.losslab.core.classification.spherical.SphericalLoss;

/**
 * The reference O(m·D·d) step of a spherical output layer (paper 02): o_i = W h_i formed in full,
 * δ_i = ∂L_i/∂o_i = 2·(∂L/∂q)·o_i + (∂L/∂s)·1 + (∂L/∂o_c)·e_{c_i}, ∂L_i/∂h_i = Wᵀδ_i, and
 * W ← (1 − η·λ)·(W − η Σ_i δ_i h_iᵀ) (decoupled weight decay λ, applied after the gradient step).
 */
public final class NaiveSphericalLayer implements SphericalOutputLayer {
    private final SphericalLoss loss;
    private final double weightDecay;
    private final double[][] w;
    private double[][] gradient;

    /** @param w0 initial W [D][d] (copied) */
    public NaiveSphericalLayer(SphericalLoss loss, double[][] w0, double weightDecay) {
        this.loss = loss;
        this.weightDecay = weightDecay;
        this.w = new double[w0.length][];
        for (int k = 0; k < w0.length; k++) {
            w[k] = w0[k].clone();
        }
    }

    @Override
    public double[] step(double[][] h, int[] targets, double lr) {
        int m = h.length;
        int dim = w.length;
        int d = w[0].length;
        double[][] o = new double[m][dim];
        double[] q = new double[m];
        double[] s = new double[m];
        double[] oc = new double[m];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < dim; k++) {
                double v = 0;
                for (int j = 0; j < d; j++) {
                    v += w[k][j] * h[i][j];
                }
                o[i][k] = v;
                q[i] += v * v;
                s[i] += v;
            }
            oc[i] = o[i][targets[i]];
        }
        SphericalLoss.Partials p = loss.partials(q, s, oc, dim);
        gradient = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < dim; k++) {
                double delta = 2 * p.dq()[i] * o[i][k] + p.ds()[i] + (k == targets[i] ? p.doc()[i] : 0);
                o[i][k] = delta;
                for (int j = 0; j < d; j++) {
                    gradient[i][j] += delta * w[k][j];
                }
            }
        }
        double decay = 1 - lr * weightDecay;
        for (int k = 0; k < dim; k++) {
            for (int j = 0; j < d; j++) {
                double g = 0;
                for (int i = 0; i < m; i++) {
                    g += o[i][k] * h[i][j];
                }
                w[k][j] = decay * (w[k][j] - lr * g);
            }
        }
        return p.loss();
    }

    @Override
    public double[][] inputGradient() {
        return gradient;
    }

    @Override
    public double[][] weights() {
        double[][] copy = new double[w.length][];
        for (int k = 0; k < w.length; k++) {
            copy[k] = w[k].clone();
        }
        return copy;
    }
}
