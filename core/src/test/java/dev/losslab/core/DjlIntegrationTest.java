package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.classification.softmax.CrossEntropy;
import org.junit.jupiter.api.Test;

/** The engine loads offline, and an objective trains a DJL model through {@link ObjectiveLoss}. */
class DjlIntegrationTest {

    @Test
    void pytorchEngineLoadsWithoutDownloading() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        Engine engine = Engine.getInstance();
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(engine.getVersion().startsWith("2.7.1"), engine.getVersion());
    }

    @Test
    void adapterMapsPredictionsAndLabels() {
        try (NDManager m = NDManager.newBaseManager()) {
            ObjectiveLoss loss = new ObjectiveLoss(new CompSum(1));
            NDArray value = loss.evaluate(new NDList(m.create(Fixtures.Y)), new NDList(m.create(Fixtures.H)));
            Fixtures.assertClose(1.71697609612589, value.getDouble(), 1e-12);
            NDArray weighted = loss.withLabels("labels", "weights")
                    .evaluate(new NDList(m.create(Fixtures.Y), m.create(new double[] {0, 0, 3})), new NDList(m.create(Fixtures.H)));
            Fixtures.assertClose(3.69707889, weighted.getDouble(), 1e-8);
            NDArray w = m.create(new double[] {0, 0, 3});
            w.setName("weights");
            Fixtures.assertClose(3.69707889, loss.evaluate(new NDList(m.create(Fixtures.Y), w), new NDList(m.create(Fixtures.H))).getDouble(), 1e-8);
        }
    }

    /** An array the layout does not place is refused with a message that names the way out; so are negative weights. */
    @Test
    void adapterRefusesWhatItCannotMap() {
        try (NDManager m = NDManager.newBaseManager()) {
            ObjectiveLoss loss = new ObjectiveLoss(new CompSum(1));
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> loss.evaluate(new NDList(m.create(Fixtures.Y), m.create(new double[] {1, 1, 1})), new NDList(m.create(Fixtures.H))));
            assertTrue(e.getMessage().contains("withLabels"), e.getMessage());
            assertThrows(InvalidArgumentException.class, () -> loss.withLabels("labels", "wieghts"));
            InvalidArgumentException negative = assertThrows(InvalidArgumentException.class, () -> loss.withLabels("labels", "weights")
                    .evaluate(new NDList(m.create(Fixtures.Y), m.create(new double[] {1, -1, 1})), new NDList(m.create(Fixtures.H))));
            assertTrue(negative.getMessage().startsWith("weights"), negative.getMessage());
        }
    }

    @Test
    void trainsALinearModelInADjlTrainer() {
        float[][] x = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        int[] y = {0, 1, 1, 0};
        try (Model model = Model.newInstance("probe")) {
            // A hidden layer: with a single Linear layer under a softmax loss the weight gradients sum to
            // exactly zero, which DJL's first-step checkGradients() mistakes for "no backward call".
            model.setBlock(new SequentialBlock()
                    .add(Linear.builder().setUnits(8).build())
                    .add(Activation::tanh)
                    .add(Linear.builder().setUnits(2).build()));
            DefaultTrainingConfig config = new DefaultTrainingConfig(new ObjectiveLoss(new CrossEntropy()))
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.5f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 2));
                NDManager m = trainer.getManager();
                NDList data = new NDList(m.create(x));
                NDList labels = new NDList(m.create(y));
                float first = 0;
                float last = 0;
                for (int step = 0; step < 50; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray l = trainer.getLoss().evaluate(labels, trainer.forward(data));
                        if (step == 0) {
                            first = l.getFloat();
                        }
                        last = l.getFloat();
                        gc.backward(l);
                    }
                    trainer.step();
                }
                assertTrue(last < first / 2, "loss " + first + " -> " + last);
            }
        }
    }
}
