package dev.losslab.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.softmax.FusedLinearCrossEntropy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fused linear cross-entropy against the materialised form (logits = H·Wᵀ, then cross-entropy),
 * forward + backward for H [N, d] and W [V, d] in float32: wall time, and the peak of the process's
 * resident size above its level before the call, sampled every millisecond from /proc/self/statm
 * (PyTorch returns large blocks to the system when they are freed, so the resident size follows
 * the live arrays).
 */
final class FusedTiming {
    /** One measurement: milliseconds and peak extra resident megabytes. */
    record Cost(double ms, double peakMb) {}

    private FusedTiming() {}

    static Cost fused(int n, int d, int v, int chunk) {
        return measure(n, d, v, new FusedLinearCrossEntropy(chunk), true);
    }

    static Cost materialised(int n, int d, int v) {
        return measure(n, d, v, new CrossEntropy(), false);
    }

    private static Cost measure(int n, int d, int v, Objective loss, boolean fused) {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(0);
            NDArray h = m.randomNormal(new Shape(n, d), DataType.FLOAT32);
            NDArray w = m.randomNormal(0, 0.05f, new Shape(v, d), DataType.FLOAT32, m.getDevice());
            NDArray labels = m.randomInteger(0, v, new Shape(n), DataType.INT64);
            h.setRequiresGradient(true);
            w.setRequiresGradient(true);
            long base = residentBytes();
            AtomicLong peak = new AtomicLong(base);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(residentBytes(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            try (NDManager step = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Inputs in = fused
                        ? Inputs.of(Map.of(InputNames.EMBEDDINGS, h, InputNames.OUTPUT_WEIGHTS, w, InputNames.LABELS, labels))
                        : Inputs.of(Map.of(InputNames.LOGITS, h.matMul(w.transpose()), InputNames.LABELS, labels));
                NDArray mean = loss.mean(in);
                mean.attach(step);
                gc.backward(mean);
            }
            w.getGradient().getFloat(0, 0);
            double ms = (System.nanoTime() - start) / 1e6;
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Cost(ms, (peak.get() - base) / 1e6);
        }
    }

    /** The resident size from /proc/self/statm (0 where there is none). */
    private static long residentBytes() {
        try {
            String[] fields = Files.readString(Path.of("/proc/self/statm")).trim().split("\\s+");
            return Long.parseLong(fields[1]) * 4096;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
