package dev.losslab.spark;

import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.classifier.CrossValidator;
import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.LabelNoise;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.data.Standardizer;
import dev.losslab.lab.data.Synthetic;
import dev.losslab.lab.model.FusedOutputLinear;
import dev.losslab.lab.model.ModelSpec;
import dev.losslab.train.InputSource;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.schedule.RunLength;
import dev.losslab.train.schedule.ScheduleFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Runs one {@link GridPoint} with LossLab's own training path, as {@code losslab train} does:
 * <ol>
 *   <li>the data's rows are split by the seed into test rows ({@code testFraction}) and training
 *       rows, and the training rows into {@code folds} folds (a seeded permutation cut in k parts);
 *   <li>label noise, drawn with the seed, replaces labels of the training rows (all folds), never
 *       of the test rows;
 *   <li>features are standardised with the statistics of the k − 1 training folds;
 *   <li>the model is built and trained with the point's loss, optimizer and learning-rate schedule,
 *       batches in a seeded order each epoch;
 *   <li>accuracy on the held-out fold and on the test rows.
 * With {@code folds} = 1 the model trains on all training rows and has no validation accuracy (NaN).
 * </ol>
 * The run owns one {@link NDManager} and closes it, so a long-lived executor keeps no native
 * memory. Data sets are read once per executor JVM and kept (by path and label column).
 *
 * <p><b>One run at a time per JVM.</b> DJL's PyTorch engine records gradients for one training at a
 * time in a process (its {@code PtGradientCollector} is process-wide and zeroes every gradient it
 * knows), and PyTorch's grad mode is per thread, on by default in a new thread (where DJL's
 * in-place parameter updates then fail). So every run of a JVM goes through one engine thread with
 * grad mode off, one after another; parallel runs need several executor JVMs (a standalone
 * cluster), not several task threads.
 */
public final class GridRun {
    private static final Map<String, TabularData> DATA = new ConcurrentHashMap<>();
    private static final java.util.concurrent.ExecutorService ENGINE = java.util.concurrent.Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(() -> {
            ai.djl.engine.Engine.getInstance(); // loads the native library before the JNI call below
            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
            task.run();
        }, "losslab-engine");
        t.setUncaughtExceptionHandler((thread, e) -> System.err.println("losslab: the engine thread stopped: " + e));
        t.setDaemon(true);
        return t;
    });

    private GridRun() {}

    /** Trains and evaluates one point on the JVM's engine thread; an error becomes a {@code failed} result with its reason. */
    public static RunResult run(GridPoint p, String executor, int attempt) {
        long start = System.nanoTime();
        java.util.concurrent.Future<RunResult> result = ENGINE.submit(() -> {
            try {
                return train(p, executor, attempt, start);
            } catch (RuntimeException | IOException e) {
                return failed(p, e, start, executor, attempt);
            }
        });
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return failed(p, e.getCause(), start, executor, attempt);
        } catch (InterruptedException e) {
            result.cancel(true); // Spark killed the task: the run stops at its next interruptible point
            Thread.currentThread().interrupt();
            throw new IllegalStateException("run " + p.id() + " interrupted", e);
        }
    }

    private static RunResult failed(GridPoint p, Throwable e, long start, String executor, int attempt) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        return RunResult.failed(p, reason.replace('\n', ' '), (System.nanoTime() - start) / 1_000_000, executor, attempt);
    }

    private static RunResult train(GridPoint p, String executor, int attempt, long start) throws IOException {
        TabularData all = data(p.data(), p.label());
        Random rng = new Random(p.seed());
        Split held = Split.random(all, p.testFraction(), rng);
        TabularData rest = held.train();
        if (!"none".equals(p.noise())) {
            rest = rest.withLabels(LabelNoise.parse(p.noise()).apply(rest.y(), rest.numClasses(), new Random(p.seed() ^ 0x9E3779B97F4A7C15L)));
        }
        int[] permutation = Split.permutation(rest.size(), new Random(p.seed() + 1));
        int[][] rows = p.folds() == 1 ? new int[][] {permutation, new int[0]} : CrossValidator.foldRows(permutation, p.folds(), p.fold());
        TabularData fit = rest.subset(rows[0]);
        Standardizer z = Standardizer.fit(fit);
        ModelSpec spec = ModelSpec.parse(p.model());
        UnaryOperator<TabularData> encode = spec.encoder(z.apply(fit));
        TabularData train = encode.apply(z.apply(fit));
        TabularData validation = rows[1].length == 0 ? null : encode.apply(z.apply(rest.subset(rows[1])));
        TabularData test = encode.apply(z.apply(held.test()));
        Objective objective = Registry.defaults().objective(p.loss(), p.lossParams());
        OptimizerFactory optimizer = OptimizerFactory.of(p.optimizer(), p.optParams());
        double[] losses = new double[p.epochs()];
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelSpec.Built built = spec.build(manager, all.dim(), all.numClasses(), p.seed(), FusedOutputLinear.appliesTo(objective));
            RunLength length = new RunLength((train.size() + p.batch() - 1) / p.batch(), p.epochs());
            Tracker rates = ScheduleFactory.of(p.schedule(), p.scheduleParams()).create((float) p.lr(), length);
            Training training = new Training(built.block(), objective, optimizer.create(rates), manager).plannedEpochs(p.epochs());
            training.feedIfRead(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(built.outputWeight()));
            if (built.outputBias() != null) {
                training.feedIfRead(InputNames.OUTPUT_BIAS, InputSource.parameter(built.outputBias()));
            }
            Random batches = new Random(p.seed() + 2);
            for (int e = 0; e < p.epochs(); e++) {
                try {
                    losses[e] = training.epoch(e, train, Split.permutation(train.size(), batches), p.batch(), StepListener.NONE);
                } catch (InvalidArgumentException diverged) {
                    losses[e] = Double.NaN; // the loss refused non-finite logits: the run diverged
                }
                if (Double.isNaN(losses[e]) && training.updatesIn(e) || Double.isInfinite(losses[e])) {
                    Arrays.fill(losses, e, losses.length, Double.NaN);
                    return new RunResult(p, RunResult.DIVERGED, "non-finite loss in epoch " + (e + 1), Double.NaN, Double.NaN, losses, elapsed(start),
                            executor, attempt);
                }
            }
            double validationAccuracy = validation == null ? Double.NaN : training.accuracy(validation);
            double testAccuracy = training.accuracy(test);
            return new RunResult(p, RunResult.OK, "", validationAccuracy, testAccuracy, losses, elapsed(start), executor, attempt);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The data set named by a grid: a file, or {@code synthetic:gaussian:N,D,C} (a Gaussian mixture, separation 1, seed 0). */
    static TabularData data(String name, String label) throws IOException {
        String key = name + "\u0000" + label;
        TabularData cached = DATA.get(key);
        if (cached != null) {
            return cached;
        }
        TabularData loaded = load(name, label).data();
        DATA.putIfAbsent(key, loaded);
        return loaded;
    }

    static Dataset load(String name, String label) throws IOException {
        if (name.startsWith("synthetic:gaussian:")) {
            String[] parts = name.substring("synthetic:gaussian:".length()).split(",");
            try {
                int[] v = Arrays.stream(parts).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
                if (v.length != 3 || v[0] < 2 || v[1] < 1 || v[2] < 2) {
                    throw new NumberFormatException();
                }
                return Synthetic.gaussianMixture(v[0], v[1], v[2], 1.0, 0);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("data", "expected synthetic:gaussian:N,D,C with N ≥ 2, D ≥ 1, C ≥ 2, got '" + name + "'");
            }
        }
        return DataLoaders.load(Path.of(name), null, label);
    }
}
