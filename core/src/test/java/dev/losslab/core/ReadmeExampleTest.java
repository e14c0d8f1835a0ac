package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.registry.Registry;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The README's Java example, run as written, on 10 separable Gaussian classes in 64 dims. */
class ReadmeExampleTest {

    @Test
    void readmeExampleTrains() throws Exception {
        try (NDManager data = NDManager.newBaseManager()) {
            Random r = new Random(0);
            float[][] x = new float[320][64];
            float[] y = new float[320];
            for (int i = 0; i < 320; i++) {
                y[i] = i % 10;
                for (int d = 0; d < 64; d++) {
                    x[i][d] = (float) (r.nextGaussian() * 0.3 + (d % 10 == i % 10 ? 1 : 0));
                }
            }
            ArrayDataset trainSet = new ArrayDataset.Builder().setData(data.create(x)).optLabels(data.create(y))
                    .setSampling(32, true).build();
            float first = Float.NaN;
            float last = Float.NaN;

            Objective loss = Registry.defaults().objective("ldr-kl", Map.of("lambda", 10, "margin", 0.1));
            try (Model model = Model.newInstance("mlp")) {
                model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(64).build())
                        .add(Activation::tanh).add(Linear.builder().setUnits(10).build()));
                TrainingConfig config = new DefaultTrainingConfig(new ObjectiveLoss(loss))
                        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(32, 64));
                    for (int epoch = 0; epoch < 5; epoch++) {
                        for (Batch batch : trainer.iterateDataset(trainSet)) {
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray l = trainer.getLoss().evaluate(batch.getLabels(), trainer.forward(batch.getData()));
                                gc.backward(l);
                                last = l.getFloat();
                                first = Float.isNaN(first) ? last : first;
                            }
                            trainer.step();
                            batch.close();
                        }
                    }
                }
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
        }
    }
}
