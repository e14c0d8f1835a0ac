package dev.losslab.train.optim;

/**
 * An optimizer whose step depends on the batch's per-sample losses as well as the gradients (paper
 * 06's normalized step size). LossLab's {@code Training} hands it the losses before each update; in
 * a DJL {@code Trainer}, call {@link #observeLosses} once per batch before {@code trainer.step()}.
 */
public interface LossAwareOptimizer {
    /** The unweighted per-sample losses of the batch whose gradients the next update uses. */
    void observeLosses(double[] perSample);

    /** {@link #observeLosses(double[])} for float32 losses (as {@code Training} has them). */
    default void observeLosses(float[] perSample) {
        double[] wide = new double[perSample.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = perSample[i];
        }
        observeLosses(wide);
    }
}
