package dev.losslab.train.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

/**
 * torch.optim.swa_utils.AveragedModel's rules on a sequence of weights: the first update copies,
 * EMA then follows θ̄ ← dθ̄ + (1 − d)θ, SWA is the plain mean of the snapshots after its start;
 * the averaged weights load back into the block.
 */
class ParameterAveragingTest {
    static final float[][] SNAPSHOTS = {{1, 2}, {3, -2}, {0, 4}, {5, 5}};

    static Linear block(Model m) {
        Linear l = Linear.builder().setUnits(1).optBias(false).build();
        l.initialize(m.getNDManager(), DataType.FLOAT32, new Shape(1, 2));
        return l;
    }

    @Test
    void emaAndSwaFollowTorchAveragedModel() {
        try (Model m = Model.newInstance("avg")) {
            Linear l = block(m);
            ParameterAveraging ema = ParameterAveraging.ema(0.9);
            ParameterAveraging swa = ParameterAveraging.swa(0.5);
            double[] e = null;
            for (int s = 0; s < SNAPSHOTS.length; s++) {
                new StateDict(java.util.Map.of(l.getParameters().get(0).getKey(), SNAPSHOTS[s])).loadInto(l);
                ema.update(l, s / 4.0);
                swa.update(l, s / 4.0);
                if (e == null) {
                    e = new double[] {SNAPSHOTS[s][0], SNAPSHOTS[s][1]};
                } else {
                    for (int i = 0; i < 2; i++) {
                        e[i] = 0.9 * e[i] + 0.1 * SNAPSHOTS[s][i];
                    }
                }
            }
            float[] emaW = ema.averaged().tensors().values().iterator().next();
            assertArrayEquals(new float[] {(float) e[0], (float) e[1]}, emaW, 1e-6f);
            assertEquals(2, swa.count());
            assertArrayEquals(new float[] {2.5f, 4.5f}, swa.averaged().tensors().values().iterator().next(), 1e-6f);
            swa.averaged().loadInto(l);
            assertArrayEquals(new float[] {2.5f, 4.5f}, l.getParameters().get(0).getValue().getArray().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void registeredAndChecked() {
        ParameterAveraging.Factory ema = dev.losslab.core.registry.Registry.defaults()
                .create("ema", dev.losslab.core.registry.Kind.AVERAGING, ParameterAveraging.Factory.class, java.util.Map.of("decay", 0.5));
        assertThrows(IllegalStateException.class, () -> ema.create().averaged());
        assertThrows(IllegalArgumentException.class, () -> ParameterAveraging.ema(1.0));
    }
}
