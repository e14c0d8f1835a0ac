package dev.losslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Forward + backward of one loss on a [batch, classes] float32 batch, as in a training step
 * (including the host-to-engine copy of the logits and input validation).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ObjectiveBenchmark {
    @Param({"cross-entropy", "comp-sum", "focal", "ldr-kl", "aldr-kl"})
    public String loss;

    @Param({"64"})
    public int batch;

    @Param({"10", "1000"})
    public int classes;

    private NDManager manager;
    private float[][] hostLogits;
    private int[] hostLabels;
    private Objective objective;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        Random r = new Random(0);
        float[][] x = new float[batch][classes];
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = r.nextInt(classes);
            for (int j = 0; j < classes; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
        }
        hostLogits = x;
        hostLabels = y;
        objective = Registry.defaults().objective(loss, Map.of());
    }

    @Benchmark
    public float forwardBackward() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(hostLogits);
            x.setRequiresGradient(true);
            NDArray labels = step.create(hostLabels).toType(DataType.INT64, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = objective.mean(Inputs.of(InputNames.LOGITS, x, InputNames.LABELS, labels));
                gc.backward(l);
                return l.getFloat();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
