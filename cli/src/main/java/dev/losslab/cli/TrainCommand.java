package dev.losslab.cli;

import dev.losslab.core.AttackSettings;
import dev.losslab.train.PgdAttack;
import dev.losslab.train.InputSource;
import ai.djl.Model;
import ai.djl.nn.Block;
import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.data.DataFormat;
import dev.losslab.lab.model.FusedOutputLinear;
import dev.losslab.lab.model.ModelSpec;
import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.LabelNoise;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.data.Standardizer;
import dev.losslab.lab.report.PlotRenderer;
import dev.losslab.lab.repro.Plot;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import dev.losslab.train.optim.OptimizerFactory;
import dev.losslab.train.averaging.ParameterAveraging;
import dev.losslab.train.averaging.StateDict;
import dev.losslab.train.reweight.ReweighterFactory;
import dev.losslab.train.schedule.MetricSchedule;
import dev.losslab.train.schedule.RunLength;
import dev.losslab.train.schedule.ScheduleFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code losslab train}: trains an MLP or GRU classifier on the user's data with any registered loss. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a classifier on your own data with any registered classification loss.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "data file (for IDX: the images file)")
    Path data;

    @Option(names = "--label", description = "label column name or index (CSV/TSV/ARFF; default: last)")
    String label;

    @Option(names = "--format", description = "csv|tsv|libsvm|idx|arff (default: from the file name)")
    String format;

    @Option(names = "--loss", defaultValue = "cross-entropy", description = "registered loss name")
    String loss;

    @Option(names = {"-p", "--param"}, description = "loss hyperparameter k=v (repeatable)")
    List<String> paramArgs = new ArrayList<>();

    private Map<String, String> params = Map.of();

    @Option(names = "--model", defaultValue = "mlp:64",
            description = "mlp:W1,W2,... hidden widths (mlp: for a linear model) or gru:CELLS[,BINS] (GRU over quantile tokens, paper 31)")
    String model;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "a registered optimizer (losslab list --kind optimizer)")
    String optimizer;

    @Option(names = "--opt-param", description = "optimizer hyperparameter k=v (repeatable), e.g. weight_decay=0.05")
    List<String> optParamArgs = new ArrayList<>();

    @Option(names = "--lr", defaultValue = "0.1", description = "learning rate")
    float lr;

    @Option(names = "--schedule", defaultValue = "constant", description = "a registered learning-rate schedule (losslab list --kind schedule)")
    String schedule;

    @Option(names = "--schedule-param", description = "schedule hyperparameter k=v (repeatable), e.g. milestones=10,15")
    List<String> scheduleParamArgs = new ArrayList<>();

    @Option(names = "--reweight", description = "a registered sample reweighter fed the batch's per-sample losses (losslab list --kind reweighter)")
    String reweight;

    @Option(names = "--reweight-param", description = "reweighter hyperparameter k=v (repeatable), e.g. r=0.5")
    List<String> reweightParamArgs = new ArrayList<>();

    @Option(names = "--clip-norm", defaultValue = "0", description = "clip the global gradient norm to this value before each update (0: off)")
    double clipNorm;

    @Option(names = "--ema", defaultValue = "0", description = "keep an exponential moving average of the weights with this decay (0: off) and report its test accuracy")
    double ema;

    @Option(names = "--swa", defaultValue = "0", description = "average the weights after each update from this fraction of the run on (stochastic weight averaging; 0: off)")
    double swa;

    @Option(names = "--grad-norms", description = "write each update's global gradient norm to grad-norms.txt (for --schedule refined --schedule-param norms=… in a next run)")
    boolean recordGradNorms;

    @Option(names = "--sso-steps", defaultValue = "0", description = "train by paper 08's target-space surrogate (SSO): this many optimizer updates per batch on the surrogate, one loss-gradient query per batch (0: off)")
    int ssoSteps;

    @Option(names = "--sso-eta", defaultValue = "1", description = "SSO's step size η in target space (per sample)")
    double ssoEta;

    @Option(names = "--epochs", defaultValue = "20")
    int epochs;

    @Option(names = "--batch", defaultValue = "32")
    int batch;

    @Option(names = "--test-fraction", defaultValue = "0.25", description = "held-out fraction")
    double testFraction;

    @Option(names = "--label-noise", description = "symmetric:R or pairflip:R, applied to training labels")
    String labelNoise;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--out", defaultValue = "runs/train", description = "output folder")
    Path out;

    @Mixin
    SoupOptions soup = new SoupOptions();

    private ReweighterFactory reweighter;
    private double averagedTestAcc = Double.NaN;
    /** Per soup run: held-out and test accuracy; then the soup's. */
    private double[][] soupRuns;
    private double[] soupScores;

    /** Rejects out-of-range numeric options, naming the option. */
    private void checkOptions() {
        require(epochs >= 1, "epochs", "must be ≥ 1");
        require(batch >= 1, "batch", "must be ≥ 1");
        require(Float.isFinite(lr) && lr > 0, "lr", "must be a finite number > 0, got " + lr);
        require(testFraction > 0 && testFraction < 1, "test-fraction", "must be in (0, 1)");
        require(ssoSteps >= 0, "sso-steps", "must be ≥ 0 (0: off), got " + ssoSteps);
        require(ssoEta > 0 && Double.isFinite(ssoEta), "sso-eta", "must be finite and > 0, got " + ssoEta);
        require(Files.isRegularFile(data), "data", "no such file " + data);
    }

    private static void require(boolean ok, String option, String problem) {
        if (!ok) {
            throw new InvalidArgumentException(option, problem);
        }
    }

    /** The --format option, or null to infer it from the file name. */
    private DataFormat dataFormat() {
        if (format == null) {
            return null;
        }
        try {
            return DataFormat.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("format", "expected one of " + Arrays.toString(DataFormat.values()).toLowerCase(Locale.ROOT)
                    + ", got '" + format + "'");
        }
    }

    /** Refuses, before any work, a loss that is not on multi-class logits [N, C] and labels (the family base). */
    private void checkLoss(Objective objective) {
        if (!(objective instanceof ClassificationObjective) && !FusedOutputLinear.appliesTo(objective)) {
            throw new InvalidArgumentException("loss", "'" + loss + "' is not a multi-class classification loss (it reads "
                    + objective.inputs().stream().map(s -> s.name() + " " + s.shape()).toList()
                    + "); losslab train trains classifiers on logits [N, C] and labels, e.g. --loss cross-entropy, or on the last hidden layer"
                    + " and the output layer's weights, --loss fused-linear-cross-entropy (see losslab list)");
        }
    }



    @Override
    public Integer call() throws Exception {
        checkOptions();
        params = ParamArgs.parse(paramArgs, "--param");
        Registry registry = Registry.defaults();
        Objective objective = registry.objective(loss, params);
        checkLoss(objective);
        OptimizerFactory opt = registry.create(kindChecked(registry, optimizer, Kind.OPTIMIZER), Kind.OPTIMIZER, OptimizerFactory.class,
                ParamArgs.parse(optParamArgs, "--opt-param"));
        ScheduleFactory rate = registry.create(kindChecked(registry, schedule, Kind.SCHEDULE), Kind.SCHEDULE, ScheduleFactory.class,
                ParamArgs.parse(scheduleParamArgs, "--schedule-param"));
        reweighter = reweight == null ? null : registry.create(kindChecked(registry, reweight, Kind.REWEIGHTER), Kind.REWEIGHTER, ReweighterFactory.class,
                ParamArgs.parse(reweightParamArgs, "--reweight-param"));
        require(clipNorm >= 0 && Double.isFinite(clipNorm), "clip-norm", "must be finite and ≥ 0, got " + clipNorm);
        require(ema >= 0 && ema < 1, "ema", "the decay must be in [0, 1) (0: off), got " + ema);
        require(swa >= 0 && swa < 1, "swa", "the start must be a fraction in [0, 1) (0: off), got " + swa);
        require(ema == 0 || swa == 0, "ema", "choose one of --ema and --swa");
        ModelSpec spec = ModelSpec.parse(model);
        soup.check(registry, spec.gru());
        require(!soup.enabled() || (ema == 0 && swa == 0), "soup", "choose one of --soup and --ema/--swa");
        Dataset ds = DataLoaders.load(data, dataFormat(), label);
        ds.inferred().forEach(note -> System.out.println("note: " + note));
        require(ds.data().numClasses() >= 2, "label", "the data set has " + ds.data().numClasses() + " class; a classifier needs at least 2");
        OutputFolder folder = OutputFolder.prepare(out, "out");
        try {
            return train(ds, objective, opt, rate, spec);
        } catch (Exception | Error e) {
            folder.discard();
            throw e;
        }
    }

    /** {@code name} when it is registered as a {@code kind}; otherwise an error naming the option. */
    private static String kindChecked(Registry registry, String name, Kind kind) {
        if (registry.get(name).kind() != kind) {
            throw new InvalidArgumentException(kind.label(), "'" + name + "' is not a " + kind.label() + " (see losslab list --kind " + kind.label() + ")");
        }
        return name;
    }

    private int train(Dataset ds, Objective objective, OptimizerFactory opt, ScheduleFactory rate, ModelSpec spec) throws Exception {
        Random rng = new Random(seed);
        Split split = Split.random(ds.data(), testFraction, rng);
        Standardizer z = Standardizer.fit(split.train());
        TabularData train = z.apply(split.train());
        TabularData test = z.apply(split.test());
        if (labelNoise != null) {
            train = train.withLabels(LabelNoise.parse(labelNoise).apply(train.y(), train.numClasses(), rng));
        }
        int features = train.dim();
        UnaryOperator<TabularData> encode = spec.encoder(train);
        train = encode.apply(train);
        test = encode.apply(test);
        TabularData heldOut = null;
        if (soup.enabled()) {
            Split fit = Split.random(train, SoupOptions.HELD_OUT, rng);
            train = fit.train();
            heldOut = fit.test();
        }
        System.out.printf("data %s: %d train / %d test%s, %d features, %d classes; loss %s%n", ds.name(), train.size(), test.size(),
                heldOut == null ? "" : " / " + heldOut.size() + " held out for the soup", features, train.numClasses(), loss);
        double[] trainAcc = new double[epochs];
        double[] testAcc = new double[epochs];
        double[] meanLoss = new double[epochs];
        try (Model m = Model.newInstance("losslab-" + loss)) {
            ModelSpec.Built built = spec.build(m.getNDManager(), features, train.numClasses(), seed, FusedOutputLinear.appliesTo(objective));
            m.setBlock(built.block());
            StateDict init = StateDict.of(built.block());
            int steps = (train.size() + batch - 1) / batch;
            Run main = newRun(built, objective, opt, rate, steps, m);
            Training training = main.training();
            List<Double> gradNorms = new ArrayList<>();
            if (recordGradNorms) {
                training.onGradients((epoch, parameters) -> gradNorms.add(globalNorm(parameters)));
            }
            ParameterAveraging averaging = ema > 0 ? ParameterAveraging.ema(ema) : swa > 0 ? ParameterAveraging.swa(swa) : null;
            if (averaging != null) {
                training.averageParameters(averaging);
            }
            try (ProgressBar bar = ProgressBars.start("train", (long) epochs * steps * (soup.enabled() ? soup.runs : 1))) {
                StepListener tick = (e, ids, per, l) -> bar.step();
                for (int e = 0; e < epochs; e++) {
                    meanLoss[e] = epoch(main, e, train, rng, tick);
                    trainAcc[e] = training.accuracy(train);
                    testAcc[e] = training.accuracy(test);
                    bar.setExtraMessage(String.format("loss %.4f", meanLoss[e]));
                    System.out.printf("epoch %3d  loss %.4f  train acc %.4f  test acc %.4f%s%n", e + 1, meanLoss[e], trainAcc[e], testAcc[e],
                            training.updatesIn(e) ? "" : "  (no parameter update: the loss's own schedule, e.g. tgce pruning)");
                }
                if (soup.enabled()) {
                    cookSoup(built, objective, opt, rate, steps, m, init, train, heldOut, test, tick);
                }
            }
            if (averaging != null && averaging.count() > 0) {
                StateDict last = StateDict.of(built.block());
                averaging.averaged().loadInto(built.block());
                averagedTestAcc = training.accuracy(test);
                last.loadInto(built.block());
                System.out.printf("%s weights: test acc %.4f (saved model: the last weights)%n", ema > 0 ? "EMA" : "SWA", averagedTestAcc);
            }
            m.setProperty("loss", loss);
            m.setProperty("params", params.toString());
            m.setProperty("seed", Long.toString(seed));
            m.save(out, "model");
            if (recordGradNorms) {
                Files.writeString(out.resolve("grad-norms.txt"), gradNorms.stream().map(v -> Double.toString(v)).collect(java.util.stream.Collectors.joining(","))
                        + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(out.resolve("model.spec"), model + "\n", StandardCharsets.UTF_8);
        }
        writeReport(ds.name(), meanLoss, trainAcc, testAcc);
        System.out.println("saved model and report to " + out);
        return 0;
    }

    /** One training run: its loop and its learning-rate tracker. */
    private record Run(Training training, ai.djl.training.tracker.Tracker rates) {}

    /** One epoch of {@code run} in the order drawn from {@code order}; a schedule that watches a metric is fed the epoch's mean loss. */
    private double epoch(Run run, int e, TabularData train, Random order, StepListener tick) {
        double mean = run.training().epoch(e, train, Split.permutation(train.size(), order), batch, tick);
        if (run.rates() instanceof MetricSchedule plateau) {
            plateau.observe(mean);
        }
        return mean;
    }

    /** A fresh run on the model's current weights: optimizer, schedule, reweighter, clipping and fed inputs as the options say. */
    private Run newRun(ModelSpec.Built built, Objective objective, OptimizerFactory opt, ScheduleFactory rate, int steps, Model m) {
        ai.djl.training.tracker.Tracker rates = rate.create(lr, new RunLength(steps * Math.max(1, ssoSteps), epochs));
        Training training = new Training(built.block(), objective, opt.create(rates), m.getNDManager()).clipGradNorm(clipNorm);
        if (reweighter != null) {
            training.feed(InputNames.WEIGHTS, InputSource.reweighter(reweighter.create()));
        }
        training.plannedEpochs(epochs).feedIfRead(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(built.outputWeight()));
        if (built.outputBias() != null) {
            training.feedIfRead(InputNames.OUTPUT_BIAS, InputSource.parameter(built.outputBias()));
        }
        if (objective instanceof AttackSettings.Attacked adversarial) {
            training.feedIfRead(InputNames.ADVERSARIAL_LOGITS, InputSource.attack(PgdAttack.of(adversarial.attack()), seed));
        }
        if (ssoSteps > 0) {
            try {
                training.targetSurrogate(ssoEta, ssoSteps);
            } catch (IllegalStateException e) {
                throw new InvalidArgumentException("sso-steps", e.getMessage());
            }
        }
        return new Run(training, rates);
    }

    /**
     * The soup's further runs (run k from the initial weights, data order seeded with seed + k), each
     * run's test and held-out accuracy, and the soup, which is left in the model (and saved).
     */
    private void cookSoup(ModelSpec.Built built, Objective objective, OptimizerFactory opt, ScheduleFactory rate, int steps, Model m, StateDict init,
            TabularData train, TabularData heldOut, TabularData test, StepListener tick) {
        Block block = built.block();
        List<StateDict> models = new ArrayList<>(List.of(StateDict.of(block)));
        for (int k = 1; k < soup.runs; k++) {
            init.loadInto(block);
            Run run = newRun(built, objective, opt, rate, steps, m);
            Random order = new Random(seed + k);
            for (int e = 0; e < epochs; e++) {
                epoch(run, e, train, order, tick);
            }
            models.add(StateDict.of(block));
        }
        Training scorer = newRun(built, objective, opt, rate, steps, m).training();
        ToDoubleFunction<StateDict> onHeldOut = w -> {
            w.loadInto(block);
            return scorer.accuracy(heldOut);
        };
        soupRuns = new double[soup.runs][];
        for (int k = 0; k < soup.runs; k++) {
            double held = onHeldOut.applyAsDouble(models.get(k));
            soupRuns[k] = new double[] {held, scorer.accuracy(test)};
            System.out.printf("soup run %d: held-out acc %.4f  test acc %.4f%n", k + 1, soupRuns[k][0], soupRuns[k][1]);
        }
        StateDict cooked = soup.cook(models, block, heldOut, onHeldOut);
        soupScores = new double[] {onHeldOut.applyAsDouble(cooked), scorer.accuracy(test)};
        System.out.printf("%s of %d runs: held-out acc %.4f  test acc %.4f (saved model: the soup)%n", soup.name, soup.runs, soupScores[0], soupScores[1]);
    }

    /** ‖g‖₂ over all parameters' gradients (for paper 36's refined schedule: {@code --schedule refined --schedule-param norms=…}). */
    private static double globalNorm(ai.djl.util.PairList<String, ai.djl.nn.Parameter> parameters) {
        double sq = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : parameters) {
            try (ai.djl.ndarray.NDArray g = p.getValue().getArray().getGradient()) {
                for (float v : g.toFloatArray()) {
                    sq += (double) v * v;
                }
            }
        }
        return Math.sqrt(sq);
    }

    /** One value per epoch as a single-seed series. */
    static double[][] oneSeed(double[] perEpoch) {
        double[][] points = new double[perEpoch.length][];
        for (int e = 0; e < perEpoch.length; e++) {
            points[e] = new double[] {perEpoch[e]};
        }
        return points;
    }

    /** learning-curves.png and report.md in the output folder. */
    private void writeReport(String dataName, double[] meanLoss, double[] trainAcc, double[] testAcc) throws java.io.IOException {
        List<String> xs = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            xs.add(Integer.toString(e));
        }
        PlotRenderer.render(Plot.lines("learning-curves.png", "Learning curves: " + dataName + ", " + loss, "epoch", "accuracy (fraction correct)", xs)
                .series("train accuracy", oneSeed(trainAcc)).series("test accuracy", oneSeed(testAcc)).build(), out);
        StringBuilder md = new StringBuilder("# Training report\n\nCommand data: `" + data + "`, loss `" + loss + "` " + params
                + ", model " + model + ", optimizer " + optimizer + (optParamArgs.isEmpty() ? "" : " " + optParamArgs) + ", lr " + lr + ", schedule " + schedule
                + (scheduleParamArgs.isEmpty() ? "" : " " + scheduleParamArgs) + (reweight == null ? "" : ", reweighting " + reweight + " " + reweightParamArgs)
                + (clipNorm > 0 ? ", gradient norm clipped to " + clipNorm : "") + (ssoSteps > 0 ? ", SSO with " + ssoSteps + " inner updates per batch, η " + ssoEta : "") + (ema > 0 ? ", EMA decay " + ema : "") + (swa > 0 ? ", SWA from " + swa : "")
                + ", batch " + batch + ", seed " + seed
                + (labelNoise == null ? "" : ", label noise " + labelNoise) + "\n\n| epoch | loss | train acc | test acc |\n|---|---|---|---|\n");
        for (int e = 0; e < epochs; e++) {
            md.append(String.format("| %d | %.4f | %.4f | %.4f |%n", e + 1, meanLoss[e], trainAcc[e], testAcc[e]));
        }
        if (!Double.isNaN(averagedTestAcc)) {
            md.append(String.format("%n%s of the weights: test accuracy %.4f (last weights: %.4f).%n", ema > 0 ? "Exponential moving average" : "Stochastic weight average",
                    averagedTestAcc, testAcc[epochs - 1]));
        }
        if (soupScores != null) {
            md.append(String.format("%n## Model soup%n%n%s of %d runs from the same initial weights (run k shuffles with seed + k), scored on %.0f%% of the training rows held out."
                    + " The saved model is the soup; the curves above are run 1's.%n%n| model | held-out acc | test acc |%n|---|---|---|%n",
                    soup.name, soup.runs, 100 * SoupOptions.HELD_OUT));
            for (int k = 0; k < soupRuns.length; k++) {
                md.append(String.format("| run %d | %.4f | %.4f |%n", k + 1, soupRuns[k][0], soupRuns[k][1]));
            }
            md.append(String.format("| **%s** | %.4f | %.4f |%n", soup.name, soupScores[0], soupScores[1]));
        }
        md.append("\n![learning curves](learning-curves.png)\n");
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
