package dev.losslab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.losslab.core.Scalars;
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
 * The price of {@link Scalars}: x·c with the constant in PyTorch-owned memory against DJL's own
 * {@code x.mul(c)} (which wraps c in a Java buffer and is unsafe under autograd), on [64, C].
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScalarsBenchmark {
    @Param({"10", "1000"})
    public int classes;

    private NDManager manager;
    private NDArray x;

    @Setup(Level.Trial)
    public void setUp() {
        manager = NDManager.newBaseManager();
        x = manager.randomNormal(new ai.djl.ndarray.types.Shape(64, classes));
    }

    @Benchmark
    public NDArray djlNumberOverload() {
        try (NDArray y = x.mul(0.5)) {
            return y;
        }
    }

    @Benchmark
    public NDArray scalarsMul() {
        try (NDArray y = Scalars.mul(x, 0.5)) {
            return y;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }
}
