package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.train.optim.Adagrad;
import dev.losslab.train.optim.ClippedOptimizer;
import dev.losslab.train.optim.MomentumSgd;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.optim.RmsProp;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The DJL 0.36 failures listed in ../shared/notes/djl.md, and LossLab's components that replace
 * them: DJL's RMSProp, Adagrad and NAG throw on the PyTorch engine while LossLab's train a model in
 * a DJL {@code Trainer}; DJL's {@code optClipGrad} clamps from above only while
 * {@link ClippedOptimizer#byValue} is symmetric; global-norm clipping rescales all gradients together.
 * The Trainer run also pins a bug found with it: DJL's Trainer hands optimizers a duplicate of the
 * gradient, so an optimizer that zeroed only that copy let gradients pile up (Nesterov diverged).
 */
class DjlFailingCasesTest {

    /** First and final loss of 100 DJL Trainer steps of a linear regression y = 2x₁ − x₂ + 0.5 with the optimizer. */
    static float[] trainWithDjlTrainer(Function<Linear, Optimizer> optimizer) {
        try (Model model = Model.newInstance("linear")) {
            Linear block = Linear.builder().setUnits(1).build();
            block.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer.apply(block));
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(8, 2));
                NDManager m = trainer.getManager();
                float[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {-1, 2}, {0.5f, 0.5f}, {3, 1}, {-2, -2}};
                float[] y = new float[8];
                for (int i = 0; i < 8; i++) {
                    y[i] = 2 * x[i][0] - x[i][1] + 0.5f;
                }
                float first = 0;
                float last = 0;
                for (int step = 0; step < 100; step++) {
                    try (NDManager scope = m.newSubManager()) {
                        Batch batch = new Batch(scope, new NDList(scope.create(x)), new NDList(scope.create(y).reshape(8, 1)), 8, null, null, 0, 1);
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        try (NDArray pred = trainer.forward(new NDList(scope.create(x))).singletonOrThrow()) {
                            float l = pred.sub(scope.create(y).reshape(8, 1)).square().mean().getFloat();
                            if (step == 0) {
                                first = l;
                            }
                            last = l;
                        }
                    }
                }
                return new float[] {first, last};
            }
        }
    }

    @Test
    void djlAdaptiveOptimizersThrowOnPyTorchWhileLossLabsTrain() {
        assertThrows(UnsupportedOperationException.class, () -> trainWithDjlTrainer(b -> Optimizer.rmsprop().optLearningRateTracker(Tracker.fixed(0.01f)).build()));
        assertThrows(UnsupportedOperationException.class, () -> trainWithDjlTrainer(b -> Optimizer.adagrad().optLearningRateTracker(Tracker.fixed(0.1f)).build()));
        assertThrows(UnsupportedOperationException.class, () -> trainWithDjlTrainer(b -> Optimizer.nag().setLearningRateTracker(Tracker.fixed(0.01f)).setMomentum(0.9f).build()));
        for (Function<Linear, Optimizer> o : java.util.List.<Function<Linear, Optimizer>>of(
                b -> new RmsProp(Tracker.fixed(0.03f), 0.99, 1e-8, 0, false, 0),
                b -> new Adagrad(Tracker.fixed(1.5f), 0, 0, 1e-10, 0),
                b -> OptimizerFactory.of("nesterov", Map.of()).create(Tracker.fixed(0.02f)),
                b -> OptimizerFactory.of("lion", Map.of()).create(Tracker.fixed(0.05f)),
                b -> ClippedOptimizer.byGlobalNorm(new MomentumSgd(Tracker.fixed(0.02f), 0.9, 0, false), 1.0, b.getParameters()))) {
            float[] loss = trainWithDjlTrainer(o);
            assertTrue(loss[1] < 0.2 * loss[0], o.apply(Linear.builder().setUnits(1).build()).getClass().getSimpleName() + ": loss " + loss[0] + " → " + loss[1]);
        }
    }

    /** SGD, lr 1, clip 1, gradient [−5, 5] from w = 0: DJL's clip gives [5, −1]; the symmetric clip gives [1, −1]. */
    @Test
    void valueClippingIsSymmetric() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {0, 0});
            Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1f)).optClipGrad(1f).build().update("w", w, m.create(new float[] {-5, 5}));
            assertArrayEquals(new float[] {5, -1}, w.toFloatArray(), 1e-6f, "DJL 0.36's one-sided clip (if this fails, DJL fixed it)");
            NDArray v = m.create(new float[] {0, 0});
            ClippedOptimizer.byValue(new MomentumSgd(Tracker.fixed(1f), 0, 0, false), 1).update("v", v, m.create(new float[] {-5, 5}));
            assertArrayEquals(new float[] {1, -1}, v.toFloatArray(), 1e-6f);
        }
    }

    /** Two parameters with gradients (3, 4) and (12): global norm 13 clipped to 2.6 scales both by 0.2 (up to torch's 1e-6). */
    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        try (Model model = Model.newInstance("two")) {
            Linear block = Linear.builder().setUnits(1).build();
            block.initialize(model.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2));
            var params = block.getParameters();
            NDArray weight = params.get(0).getValue().getArray();
            NDArray bias = params.get(1).getValue().getArray();
            float[] w0 = weight.toFloatArray();
            float[] b0 = bias.toFloatArray();
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray k = model.getNDManager().create(new float[] {3, 4});
                gc.backward(weight.reshape(2).mul(k).sum().add(bias.sum().mul(model.getNDManager().create(12f))));
            }
            ClippedOptimizer clip = ClippedOptimizer.byGlobalNorm(new MomentumSgd(Tracker.fixed(1f), 0, 0, false), 2.6, params);
            clip.update(params.get(0).getValue().getId(), weight, weight.getGradient());
            clip.update(params.get(1).getValue().getId(), bias, bias.getGradient());
            double s = 2.6 / (13 + 1e-6);
            assertArrayEquals(new float[] {(float) (w0[0] - 3 * s), (float) (w0[1] - 4 * s)}, weight.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {(float) (b0[0] - 12 * s)}, bias.toFloatArray(), 1e-5f);
        }
        assertThrows(IllegalArgumentException.class, () -> ClippedOptimizer.byValue(new MomentumSgd(Tracker.fixed(1f), 0, 0, false), 0));
    }
}
