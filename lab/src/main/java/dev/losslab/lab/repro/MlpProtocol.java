package dev.losslab.lab.repro;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.schedule.StepDecay;
import java.util.Random;

/**
 * The specs' small MLP protocol: seeded init, SGD (optionally momentum and weight decay), a
 * step-decay schedule at given epochs, shuffled or fixed batch order.
 *
 * @param hidden hidden widths (tanh)
 * @param init weight initialisation
 * @param epochs number of epochs
 * @param batch batch size
 * @param momentum SGD momentum (PyTorch form)
 * @param weightDecay L2 coefficient added to the gradient
 * @param decayEpochs epochs at whose start the learning rate is divided by 10
 * @param shuffle reshuffle the training set every epoch (seeded) instead of a fixed order
 */
public record MlpProtocol(int[] hidden, Mlp.Init init, int epochs, int batch, float momentum, float weightDecay, int[] decayEpochs, boolean shuffle) {

    /** Outcome of one training run. */
    public record Outcome(double testAccuracy, boolean diverged, double[] epochLoss) {}

    /** Trains on {@code train} and returns the accuracy on {@code test}; a run that overflows is marked diverged. */
    public Outcome run(TabularData train, TabularData test, Objective objective, float lr, long seed) {
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        int[] milestones = java.util.Arrays.stream(decayEpochs).map(e -> e * stepsPerEpoch).toArray();
        Optimizer opt = MomentumSgd.builder().setLearningRateTracker(new StepDecay(lr, 0.1f, milestones))
                .optMomentum(momentum).optWeightDecays(weightDecay).build();
        double[] losses = new double[epochs];
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = Mlp.create(manager, train.dim(), hidden, train.numClasses(), init, seed);
            Training training = new Training(block, objective, opt, manager).plannedEpochs(epochs);
            Random order = new Random(seed ^ 0x5DEECE66DL);
            int[] fixed = java.util.stream.IntStream.range(0, train.size()).toArray();
            boolean diverged = false;
            for (int e = 0; e < epochs && !diverged; e++) {
                int[] epochOrder = shuffle ? Split.permutation(train.size(), order) : fixed;
                if (!training.updatesIn(e)) {
                    training.epoch(e, train, epochOrder, batch, StepListener.NONE); // the objective's hook runs, no update
                    losses[e] = Double.NaN;
                    continue;
                }
                try {
                    losses[e] = training.epoch(e, train, epochOrder, batch, StepListener.NONE);
                    diverged = !Double.isFinite(losses[e]);
                } catch (InvalidArgumentException ex) {
                    diverged = true;
                }
                if (diverged) {
                    java.util.Arrays.fill(losses, e, epochs, Double.NaN);
                }
            }
            return new Outcome(training.accuracy(test), diverged, losses);
        }
    }

    /** Splits {@code data} 60/40 with {@code seed}: the specs' protocol. */
    public static Split split(TabularData data, long seed) {
        return Split.random(data, 0.4, new Random(seed));
    }
}
