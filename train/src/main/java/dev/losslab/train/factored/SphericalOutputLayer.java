package dev.losslab.train.factored;

/**
 * A linear output layer o = W·h (W: D × d) trained by SGD on a spherical loss (paper 02), a
 * minibatch at a time with the loss summed over the batch (the official factored op's reduction;
 * a mean only rescales the learning rate).
 */
public interface SphericalOutputLayer {
    /**
     * One SGD step on the rows h_i of {@code h} [m][d] with targets c_i in [0, D) at rate
     * {@code lr}: returns the per-example losses at the weights before the step; afterwards
     * {@link #inputGradient} holds ∂L_i/∂h_i.
     */
    double[] step(double[][] h, int[] targets, double lr);

    /** ∂L_i/∂h_i [m][d] of the last step (the gradient for the layer below). */
    double[][] inputGradient();

    /** W [D][d] as it stands (formed explicitly: O(D·d), for tests and checkpoints). */
    double[][] weights();
}
