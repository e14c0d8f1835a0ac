package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.optim.Adagrad;
import dev.losslab.train.optim.Lion;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.optim.RmsProp;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The registry builds the torch-form optimizers by name and rejects bad hyperparameters; updates leave no arrays behind. */
class TorchFormOptimizerTest {
    @Test
    void registryBuildsEachByName() {
        for (String name : new String[] {"rmsprop", "adagrad", "lion", "nesterov"}) {
            Optimizer o = OptimizerFactory.of(name, Map.of()).create(Tracker.fixed(0.01f));
            assertEquals(OptimizerSteps.GRADS.length, OptimizerSteps.run(o).length, name);
        }
        assertThrows(IllegalArgumentException.class, () -> OptimizerFactory.of("rmsprop", Map.of("alpha", 1.0)).create(Tracker.fixed(0.01f)));
        assertThrows(IllegalArgumentException.class, () -> new Lion(Tracker.fixed(0.1f), 0.9, 1.5, 0));
    }

    /** A thousand updates leave the weight's manager with the same arrays (weights, state), nothing else. */
    @Test
    void updatesLeaveNothingBehind() {
        for (Supplier<Optimizer> make : java.util.List.<Supplier<Optimizer>>of(() -> new RmsProp(Tracker.fixed(0.01f), 0.9, 1e-8, 0.9, true, 0.1),
                () -> new Adagrad(Tracker.fixed(0.01f), 0.1, 0, 1e-10, 0.1), () -> new Lion(Tracker.fixed(0.01f), 0.9, 0.99, 0.1))) {
            Optimizer o = make.get();
            try (NDManager m = NDManager.newBaseManager(); NDArray w = m.create(new float[] {1, 2, 3})) {
                NDArray g = m.create(new float[] {0.1f, -0.2f, 0.3f});
                o.update("w", w, g);
                int after1 = m.getManagedArrays().size();
                for (int t = 0; t < 1000; t++) {
                    g.addi(1);
                    o.update("w", w, g);
                }
                assertEquals(after1, m.getManagedArrays().size(), o.getClass().getSimpleName());
            }
        }
    }
}
