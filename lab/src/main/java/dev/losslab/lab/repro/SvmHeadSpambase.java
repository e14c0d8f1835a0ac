package dev.losslab.lab.repro;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.margin.L2Svm;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.DataLoaders;
import dev.losslab.lab.data.DataResolver;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.QuantileTokens;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.data.Standardizer;
import dev.losslab.lab.data.Synthetic;
import dev.losslab.lab.model.GruClassifier;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.InputSource;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Paper 31 (GRU-SVM): an L2-SVM output head against a softmax head, on spambase (4601 × 57,
 * z-scored; random 3000/1601 split per seed). MLP 57→64 ReLU→2 (He-normal hidden layer; output
 * W ~ N(0, 0.01²), b = 0.1 as in the official code), both heads from the same initial parameters
 * and batch order; Adam, batch 256 with the last partial batch dropped, 10 epochs, c = 0.5.
 * Checks (spec 31): at an equal lr of 1e-3 the heads agree within 0.02 and both reach 0.90; with
 * the paper's unequal rates (SVM 1e-5, softmax 1e-6) the SVM head leads by ≥ 0.04 — the paper's
 * gap comes from the learning rates. The full run adds the paper's GRU body
 * ({@link GruClassifier}, 32 units over 57 one-hot quantile tokens), where the heads must agree at
 * lr 1e-3 and both learn (beat the majority-class rate).
 */
public final class SvmHeadSpambase extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new SvmHeadSpambase();

    static final String MLP = "MLP 57→64 ReLU→2";
    static final String GRU = "GRU(32) over 10-bin tokens";
    static final int TOKEN_BINS = 10;
    /** How far above the majority-class rate both GRU heads must get at lr 1e-3. */
    static final double GRU_MARGIN = 0.05;
    private static final String PAPER_RATES = "paper (SVM 1e-5, softmax 1e-6)";

    /** (SVM lr, softmax lr) configurations. */
    static final Map<String, float[]> RATES = new LinkedHashMap<>();

    static {
        RATES.put("equal 1e-5", new float[] {1e-5f, 1e-5f});
        RATES.put("equal 1e-4", new float[] {1e-4f, 1e-4f});
        RATES.put("equal 1e-3", new float[] {1e-3f, 1e-3f});
        RATES.put(PAPER_RATES, new float[] {1e-5f, 1e-6f});
    }

    private SvmHeadSpambase() {
        super(new About(31, "svm-head-spambase", "L2-SVM vs softmax output head on spambase",
                "An L2-SVM output layer matches a softmax output layer when both get the same learning rate; the paper's reported SVM"
                        + " advantage appears with its unequal learning rates (SVM 1e-5 vs softmax 1e-6).",
                "test accuracy"));
    }

    @Override
    public int workUnits(ReproOptions o) {
        return RATES.size() * 2 * o.seedList(3).length * (o.quick() ? 1 : 2);
    }

    static Dataset load(DataResolver resolver) {
        Optional<Path> file = resolver.find("tabular/spambase.tsv.gz");
        if (file.isEmpty()) {
            return Synthetic.gaussianMixture(4601, 57, 2, STAND_IN_SEPARATION, 31);
        }
        try {
            return DataLoaders.load(file.get(), null, "target");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per-coordinate separation of the stand-in's two class means (calibrated: 1e-3 accuracy ≈ 0.93, as on spambase). */
    static final double STAND_IN_SEPARATION = 0.3;

    /** A network body trained with either head; returns test accuracy. */
    @FunctionalInterface
    interface Body {
        double train(TabularData train, TabularData test, boolean svm, float lr, long seed);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Dataset d = load(o.data());
        Findings f = start(o, 3, progress).data(d);
        int[] seeds = f.seeds();
        Map<String, Body> bodies = new LinkedHashMap<>();
        bodies.put(MLP, SvmHeadSpambase::trainMlp);
        if (!o.quick()) {
            bodies.put(GRU, SvmHeadSpambase::trainGru);
        }
        for (Map.Entry<String, Body> body : bodies.entrySet()) {
            for (Map.Entry<String, float[]> rate : RATES.entrySet()) {
                double[] svm = new double[seeds.length];
                double[] softmax = new double[seeds.length];
                for (int s = 0; s < seeds.length; s++) {
                    int[] perm = Split.permutation(d.data().size(), new Random(seeds[s]));
                    TabularData train = d.data().subset(java.util.Arrays.copyOfRange(perm, 0, 3000));
                    TabularData test = d.data().subset(java.util.Arrays.copyOfRange(perm, 3000, perm.length));
                    Standardizer z = Standardizer.fit(train);
                    TabularData zTrain = z.apply(train);
                    TabularData zTest = z.apply(test);
                    svm[s] = body.getValue().train(zTrain, zTest, true, rate.getValue()[0], seeds[s]);
                    f.step(body.getKey() + " " + rate.getKey() + " svm");
                    softmax[s] = body.getValue().train(zTrain, zTest, false, rate.getValue()[1], seeds[s]);
                    f.step(body.getKey() + " " + rate.getKey() + " softmax");
                }
                f.record(key(body.getKey(), rate.getKey(), "SVM"), svm);
                f.record(key(body.getKey(), rate.getKey(), "softmax"), softmax);
            }
        }
        mlpChecks(f).forEach(f::check);
        if (bodies.containsKey(GRU)) {
            gruChecks(f, majorityRate(d.data())).forEach(f::check);
        }
        StringBuilder table = new StringBuilder("Test accuracy (mean over seeds).\n\n| body | learning rates | SVM head | softmax head |\n|---|---|---|---|\n");
        List<double[]> svmSeries = new ArrayList<>();
        List<double[]> softmaxSeries = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (String body : bodies.keySet()) {
            for (String rate : RATES.keySet()) {
                double a = f.mean(key(body, rate, "SVM"));
                double b = f.mean(key(body, rate, "softmax"));
                categories.add(body.substring(0, 3) + " " + (rate.startsWith("equal ") ? rate.substring(6) : "paper"));
                svmSeries.add(f.values(key(body, rate, "SVM")));
                softmaxSeries.add(f.values(key(body, rate, "softmax")));
                table.append(String.format("| %s | %s | %.4f | %.4f |%n", body, rate, a, b));
            }
        }
        Plot plot = Plot.bars("accuracy-by-head.png", "SVM vs softmax head on " + d.name(), "body and learning rate (paper: SVM 1e-5, softmax 1e-6)",
                "test accuracy (fraction correct)", categories).series("SVM head", svmSeries).series("softmax head", softmaxSeries).build();
        f.note("Protocol (spec 31's laptop version): " + MLP + " (He-normal hidden layer); both heads share the initial parameters and batch"
                + " order per seed; Adam (DJL), batch 256 (last partial batch dropped), 10 epochs; L2-SVM c = 0.5 with ½‖W‖² on the output weights.");
        f.note("Split per seed: a random permutation, the first 3,000 rows train and the other " + (d.data().size() - 3000)
                + " rows test (standardised with the training rows' statistics); seeds " + java.util.Arrays.toString(seeds) + ".");
        f.note(o.quick() ? "Quick run: the MLP body only; the full run adds the spec's optional GRU body."
                : "GRU body (spec 31's optional variant, numbers not pre-computed in the spec): " + GRU + " (GruClassifier), the 57"
                        + " features as a sequence of one-hot quantile tokens with the bin edges from each training split; same heads and"
                        + " optimiser. Asserted: the heads agree at lr 1e-3 and both beat the majority-class rate by " + GRU_MARGIN
                        + "; the paper-rate gap is reported only (the GRU barely moves from its start at 1e-5/1e-6).");
        if (d.synthetic()) {
            f.note("Stand-in: two Gaussian classes in 57 dimensions (class means N(0, " + STAND_IN_SEPARATION + "²·I), unit noise); same thresholds as spambase.");
        }
        f.table(table);
        f.plot(plot);
        return f.result();
    }

    private static String key(String body, String rate, String head) {
        return ReproResult.key((body.equals(MLP) ? "" : body + " · ") + rate, head);
    }

    /** Spec 31's asserts (b) and (c) for the MLP body. */
    private static List<Check> mlpChecks(Findings f) {
        double svm3 = f.mean(key(MLP, "equal 1e-3", "SVM"));
        double soft3 = f.mean(key(MLP, "equal 1e-3", "softmax"));
        return List.of(
                Check.atMost("lr 1e-3: |acc SVM − acc softmax|", Math.abs(svm3 - soft3), 0.02),
                Check.atLeast("lr 1e-3: accuracy of the SVM head", svm3, 0.90),
                Check.atLeast("lr 1e-3: accuracy of the softmax head", soft3, 0.90),
                Check.atLeast("paper's rates: acc SVM − acc softmax", f.mean(key(MLP, PAPER_RATES, "SVM"))
                        - f.mean(key(MLP, PAPER_RATES, "softmax")), 0.04));
    }

    /**
     * The GRU body's checks (the spec gives no numbers for it): at an equal lr of 1e-3 the heads
     * agree within 0.02 and both learn: accuracy ≥ the majority-class rate + {@value #GRU_MARGIN}
     * (spambase: 0.61 + 0.05; measured 0.81). The paper-rate gap is reported, not asserted: in 110
     * Adam steps at 1e-5/1e-6 the GRU barely leaves its start, and the per-seed gaps scatter
     * around zero.
     */
    private static List<Check> gruChecks(Findings f, double majority) {
        double svm3 = f.mean(key(GRU, "equal 1e-3", "SVM"));
        double soft3 = f.mean(key(GRU, "equal 1e-3", "softmax"));
        return List.of(
                Check.atMost(GRU + ", lr 1e-3: |acc SVM − acc softmax|", Math.abs(svm3 - soft3), 0.02),
                Check.atLeast(GRU + ", lr 1e-3: accuracy of the SVM head", svm3, majority + GRU_MARGIN),
                Check.atLeast(GRU + ", lr 1e-3: accuracy of the softmax head", soft3, majority + GRU_MARGIN));
    }

    private static double majorityRate(TabularData data) {
        int[] counts = new int[data.numClasses()];
        for (int y : data.y()) {
            counts[y]++;
        }
        return (double) java.util.Arrays.stream(counts).max().orElse(0) / data.size();
    }

    /** Test accuracy of the MLP body with the SVM head (c = 0.5) or the softmax head. */
    static double trainMlp(TabularData train, TabularData test, boolean svm, float lr, long seed) {
        try (NDManager m = NDManager.newBaseManager()) {
            Mlp.WeightInit init = (rng, layer, fanIn, fanOut, last) -> rng.nextGaussian() * (last ? 0.01 : Math.sqrt(2.0 / fanIn));
            SequentialBlock block = Mlp.create(m, train.dim(), new int[] {64}, 2, init, seed, Activation::relu, true);
            ai.djl.nn.ParameterList params = block.getParameters();
            Parameter outWeight = params.valueAt(params.size() - 2);
            params.valueAt(params.size() - 1).getArray().set(new float[] {0.1f, 0.1f});
            Objective head = svm ? new L2Svm(0.5) : new CrossEntropy();
            return fit(new Training(block, head, adam(lr), m).feedIfRead(InputNames.OUTPUT_WEIGHTS, InputSource.parameter(outWeight)), train, test, seed);
        }
    }

    /** Test accuracy of a GRU(32) over the 57 features as 10-bin one-hot tokens (quantiles of the training split). */
    static double trainGru(TabularData train, TabularData test, boolean svm, float lr, long seed) {
        QuantileTokens tokens = QuantileTokens.fit(train, TOKEN_BINS);
        try (NDManager m = NDManager.newBaseManager()) {
            GruClassifier gru = GruClassifier.builder().sequenceLength(train.dim()).vocabulary(TOKEN_BINS).cellSize(32).classes(2)
                    .head(svm ? GruClassifier.Head.SVM : GruClassifier.Head.SOFTMAX).c(0.5).seed(seed).build(m);
            return fit(gru.training(adam(lr), m), tokens.apply(train), tokens.apply(test), seed);
        }
    }

    private static Optimizer adam(float lr) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build();
    }

    /** Adam epochs of batch 256 with the last partial batch dropped; a batch order shared by both heads. */
    private static double fit(Training t, TabularData train, TabularData test, long seed) {
        Random order = new Random(seed + 11);
        int usable = train.size() / 256 * 256;
        for (int e = 0; e < 10; e++) {
            t.epoch(e, train, java.util.Arrays.copyOf(Split.permutation(train.size(), order), usable), 256, StepListener.NONE);
        }
        return t.accuracy(test);
    }
}
