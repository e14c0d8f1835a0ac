package dev.losslab.cli;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.distill.DistillationObjective;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.model.ModelSpec;
import dev.losslab.lab.data.DataFormat;
import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.data.Standardizer;
import dev.losslab.lab.model.Mlp;
import dev.losslab.lab.model.TwoHeadMlp;
import dev.losslab.lab.report.PlotRenderer;
import dev.losslab.lab.repro.Plot;
import dev.losslab.train.InputSource;
import dev.losslab.train.Metrics;
import dev.losslab.train.Rows;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab distill}: trains a student MLP on the user's data with a distillation loss against
 * a frozen teacher, given either as precomputed logits (one CSV row of C logits per data row, in
 * file order) or as a model saved by {@code losslab train} on the same data with the same
 * {@code --seed} and {@code --test-fraction} (so the split and standardisation match). The loss is
 * {@link DistillationObjective}: w_ce·CE + w_kd·warm·L.
 */
@Command(name = "distill", mixinStandardHelpOptions = true, description = "Distil a teacher into a student MLP on your own data with any registered distillation loss.")
final class DistillCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "data file")
    Path data;

    @Option(names = "--label", description = "label column name or index (CSV/TSV/ARFF; default: last)")
    String label;

    @Option(names = "--format", description = "csv|tsv|libsvm|idx|arff (default: from the file name)")
    String format;

    @Option(names = "--teacher-logits", description = "teacher logits: CSV, one row of C numbers per data row, in file order")
    Path teacherLogits;

    @Option(names = "--teacher", description = "a folder written by losslab train on the same data (model-0000.params, model.spec)")
    Path teacher;

    @Option(names = "--loss", defaultValue = "kd", description = "a registered distillation loss (kd, dkd, nkd, uskd)")
    String loss;

    @Option(names = {"-p", "--param"}, description = "loss hyperparameter k=v (repeatable)")
    List<String> paramArgs = new ArrayList<>();

    @Option(names = "--ce-weight", defaultValue = "1.0", description = "weight of the student's cross-entropy")
    double ceWeight;

    @Option(names = "--distill-weight", defaultValue = "1.0", description = "weight of the distillation loss")
    double distillWeight;

    @Option(names = "--warmup", defaultValue = "0", description = "epochs over which the distillation weight grows linearly to its value (DKD)")
    int warmup;

    @Option(names = "--model", defaultValue = "mlp:32", description = "student: mlp:W1,W2,... (ReLU, He init; uskd needs one hidden layer for its weak head)")
    String model;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Adam learning rate")
    double lr;

    @Option(names = "--epochs", defaultValue = "50")
    int epochs;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--test-fraction", defaultValue = "0.25")
    double testFraction;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--out", defaultValue = "runs/distill", description = "output folder")
    Path out;

    @Override
    public Integer call() throws Exception {
        require(epochs >= 1 && batch >= 1, "epochs", "epochs and batch must be at least 1");
        require(lr > 0, "lr", "must be > 0");
        require(testFraction > 0 && testFraction < 1, "test-fraction", "must lie in (0, 1)");
        require((teacherLogits == null) != (teacher == null), "teacher", "give exactly one of --teacher-logits and --teacher");
        Objective distill = Registry.defaults().objective(loss, ParamArgs.parse(paramArgs, "--param"));
        DistillationObjective objective = new DistillationObjective(distill, ceWeight, distillWeight, warmup);
        boolean twoHeads = objective.inputs().stream().anyMatch(s -> s.name().equals(InputNames.AUX_LOGITS));
        int[] hidden = ModelSpec.parse(model).sizes();
        require(!ModelSpec.parse(model).gru(), "model", "the student is an MLP (mlp:W1,W2,...)");
        require(!twoHeads || hidden.length == 1, "model", loss + " trains a weak head on the hidden feature: give one hidden layer, e.g. mlp:32");
        Dataset ds = DataLoaders.load(data, format == null ? null : DataFormat.valueOf(format.toUpperCase(Locale.ROOT)), label);
        TabularData all = ds.data();
        int[][] rows = Split.randomRows(all.size(), testFraction, new Random(seed));
        Standardizer z = Standardizer.fit(all.subset(rows[0]));
        TabularData train = z.apply(all.subset(rows[0]));
        TabularData test = z.apply(all.subset(rows[1]));
        float[][] teacherTrain = teacherLogits != null ? Rows.of(readLogits(teacherLogits, all.size(), all.numClasses()), rows[0]) : teacherOutputs(train);
        OutputFolder folder = OutputFolder.prepare(out, "out");
        try {
            return train(objective, twoHeads, hidden, train, test, teacherTrain, ds.name());
        } catch (Exception | Error e) {
            folder.discard();
            throw e;
        }
    }

    private int train(DistillationObjective objective, boolean twoHeads, int[] hidden, TabularData train, TabularData test, float[][] teacherTrain, String name)
            throws IOException {
        double teacherAcc = Metrics.accuracy(teacherTrain, train.y());
        System.out.printf("data %s: %d train / %d test, %d features, %d classes; teacher train accuracy %.4f; loss %s%n", name, train.size(), test.size(),
                train.dim(), train.numClasses(), teacherAcc, objective.name());
        double[] trainAcc = new double[epochs];
        double[] testAcc = new double[epochs];
        Random rng = new Random(seed + 1);
        try (Model m = Model.newInstance("losslab-distill")) {
            Block student = twoHeads ? TwoHeadMlp.create(m.getNDManager(), train.dim(), hidden[0], train.numClasses(), seed)
                    : Mlp.create(m.getNDManager(), train.dim(), hidden, train.numClasses(), Mlp.Init.HE_NORMAL, seed, Activation::relu, true);
            m.setBlock(student);
            Training training = new Training(student, objective, Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build(), m.getNDManager())
                    .plannedEpochs(epochs).feedIfRead(InputNames.TEACHER_LOGITS, InputSource.rows(teacherTrain));
            int steps = (train.size() + batch - 1) / batch;
            try (ProgressBar bar = ProgressBars.start("distill", (long) epochs * steps)) {
                for (int e = 0; e < epochs; e++) {
                    double meanLoss = training.epoch(e, train, Split.permutation(train.size(), rng), batch, (ep, ids, per, l) -> bar.step());
                    trainAcc[e] = training.accuracy(train);
                    testAcc[e] = training.accuracy(test);
                    bar.setExtraMessage(String.format("loss %.4f", meanLoss));
                    System.out.printf("epoch %3d  loss %.4f  train acc %.4f  test acc %.4f%n", e + 1, meanLoss, trainAcc[e], testAcc[e]);
                }
            }
            m.save(out, "student");
        }
        List<String> xs = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            xs.add(Integer.toString(e));
        }
        PlotRenderer.render(Plot.lines("learning-curves.png", "Student learning curves: " + name + ", " + loss, "epoch", "accuracy (fraction correct)", xs)
                .series("train accuracy", TrainCommand.oneSeed(trainAcc)).series("test accuracy", TrainCommand.oneSeed(testAcc)).build(), out);
        StringBuilder md = new StringBuilder(String.format("# Distillation report%n%nData `%s`, teacher %s (train accuracy %.4f), loss `%s` %s, CE weight %s,"
                + " distillation weight %s, warm-up %d epochs, student %s, Adam lr %s, %d epochs, batch %d, seed %d.%n%n| epoch | train acc | test acc |%n|---|---|---|%n",
                data, teacherLogits != null ? "logits `" + teacherLogits + "`" : "model `" + teacher + "`", teacherAcc, loss, paramArgs, ceWeight, distillWeight,
                warmup, model, lr, epochs, batch, seed));
        for (int e = 0; e < epochs; e++) {
            md.append(String.format("| %d | %.4f | %.4f |%n", e + 1, trainAcc[e], testAcc[e]));
        }
        md.append("\n![learning curves](learning-curves.png)\n");
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println("saved student and report to " + out);
        return 0;
    }

    /** The saved teacher's logits on the (standardised) training rows. */
    private float[][] teacherOutputs(TabularData train) throws Exception {
        Path specFile = teacher.resolve("model.spec");
        require(Files.exists(specFile), "teacher", teacher + " has no model.spec (write it with losslab train)");
        ModelSpec spec = ModelSpec.parse(Files.readString(specFile, StandardCharsets.UTF_8).strip());
        try (Model m = Model.newInstance("teacher")) {
            ModelSpec.Built built = spec.build(m.getNDManager(), train.dim(), train.numClasses(), 0, false);
            m.setBlock(built.block());
            m.load(teacher, "model");
            TabularData encoded = spec.encoder(train).apply(train);
            return new Training(built.block(), new CrossEntropy(), Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0f)).build(), m.getNDManager())
                    .outputs(encoded.x());
        }
    }

    /** Teacher logits from a CSV of {@code n} rows of {@code classes} numbers. */
    static float[][] readLogits(Path file, int n, int classes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        if (lines.size() != n) {
            throw new InvalidArgumentException("teacher-logits", file + " has " + lines.size() + " rows, the data has " + n);
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            String[] parts = lines.get(i).strip().split("[,;\\s]+");
            if (parts.length != classes) {
                throw new InvalidArgumentException("teacher-logits", "row " + (i + 1) + " has " + parts.length + " values, expected " + classes + " (one per class)");
            }
            out[i] = new float[classes];
            for (int c = 0; c < classes; c++) {
                try {
                    out[i][c] = Float.parseFloat(parts[c]);
                } catch (NumberFormatException e) {
                    throw new InvalidArgumentException("teacher-logits", "row " + (i + 1) + ": '" + parts[c] + "' is not a number");
                }
                if (!Float.isFinite(out[i][c])) {
                    throw new InvalidArgumentException("teacher-logits", "row " + (i + 1) + " contains a non-finite value");
                }
            }
        }
        return out;
    }

    private static void require(boolean ok, String option, String reason) {
        if (!ok) {
            throw new InvalidArgumentException(option, reason);
        }
    }
}
