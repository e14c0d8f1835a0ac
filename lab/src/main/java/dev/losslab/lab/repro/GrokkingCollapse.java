package dev.losslab.lab.repro;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.softmax.SoftmaxCollapse;
import dev.losslab.core.classification.softmax.StableMaxCrossEntropy;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.Metrics;
import dev.losslab.train.NlmAlignment;
import dev.losslab.train.StepListener;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import dev.losslab.train.optim.PerpGrad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Paper 44 (grokking at the edge of numerical stability), scaled down as in spec 44: modular
 * addition (a + b) mod 31 with one-hot inputs (62-d), 40% of the 961 pairs for training, MLP
 * 62→128→128→31 ReLU without biases, U(±1/√fan_in) init, float32, full-batch Adam lr 0.01,
 * betas (0.9, 0.99), eps 1e-25, no weight decay, 2,000 epochs. Runs: AdamW + CE; ⊥AdamW + CE;
 * AdamW (β2 0.999) + StableMax CE. Checks (all seeds): CE reaches Softmax Collapse (max SC
 * fraction ≥ 0.3) and does not generalise (test ≤ 0.05); ⊥AdamW generalises (test ≥ 0.5 on every
 * seed, spec 44's threshold); StableMax never collapses: its normaliser ratio Σ s(x_k)/max s(x_k)
 * stays above 1 + 2⁻²⁴ (float32), which also rules out a zero loss.
 */
public final class GrokkingCollapse extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new GrokkingCollapse();

    static final int P = 31;
    static final String[] RUNS = {"AdamW + CE", "⊥AdamW + CE", "AdamW + StableMax"};
    static final String STABLE = RUNS[2];
    /** Spec 44: ⊥AdamW reaches test accuracy ≥ 0.5 at epoch 2000 on every seed. */
    static final double PERP_EVERY_SEED = 0.5;
    /** 2⁻²⁴: an addend below this fraction of 1 is absorbed by float32 rounding (round to nearest). */
    static final double FLOAT32_ABSORPTION = Math.pow(2, -24);
    private static final String FINAL_ACCURACY = "test accuracy at 2000";
    private static final String MAX_COLLAPSE = "max SC fraction";
    private static final String FINAL_NLM = "NLM cosine at 2000";
    private static final String STABLE_EXCESS = "smallest normaliser excess";
    private static final String SOFTMAX_OF_SAME_LOGITS = "softmax SC fraction of the same logits";

    private GrokkingCollapse() {
        super(new About(44, "grokking-softmax-collapse", "Softmax Collapse, StableMax and ⊥Grad on modular addition",
                "Without regularisation, cross-entropy training on modular addition drives the model into Softmax Collapse and it never"
                        + " generalises; ⊥Grad (⊥AdamW) prevents the naive-loss-minimisation direction and generalises quickly; StableMax never collapses.",
                "test accuracy / Softmax Collapse fraction"));
    }

    @Override
    public int workUnits(ReproOptions o) {
        return RUNS.length * o.seedList(3).length;
    }

    /**
     * Outcome of one run; curves hold one value per checkpoint.
     *
     * @param stableExcess smallest Σ_k s(x_k)/max_k s(x_k) − 1 over training samples and checkpoints (StableMax runs; NaN otherwise)
     * @param softmaxCollapse largest float32 softmax SC fraction of the same logits over the checkpoints
     */
    record Run(double finalTest, double maxCollapse, double stableExcess, double softmaxCollapse, double[] testCurve, double[] collapseCurve,
            double[] nlmCurve) {}

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: (a + b) mod 31 (the spec's own task)", false);
        int[] seeds = f.seeds();
        int epochs = 2000;
        int every = o.quick() ? 200 : 100;
        int points = epochs / every;
        Map<String, double[][]> testCurves = new LinkedHashMap<>();
        Map<String, double[][]> nlmCurves = new LinkedHashMap<>();
        Map<String, double[][]> scCurves = new LinkedHashMap<>();
        for (String name : RUNS) {
            double[][] test = new double[points][seeds.length];
            double[][] nlm = new double[points][seeds.length];
            double[][] sc = new double[points][seeds.length];
            for (int s = 0; s < seeds.length; s++) {
                Run r = run(name, seeds[s], epochs, every);
                f.record(ReproResult.key(name, FINAL_ACCURACY), s, r.finalTest());
                f.record(ReproResult.key(name, MAX_COLLAPSE), s, r.maxCollapse());
                f.record(ReproResult.key(name, FINAL_NLM), s, r.nlmCurve()[points - 1]);
                if (name.equals(STABLE)) {
                    f.record(ReproResult.key(name, STABLE_EXCESS), s, r.stableExcess());
                    f.record(ReproResult.key(name, SOFTMAX_OF_SAME_LOGITS), s, r.softmaxCollapse());
                }
                for (int i = 0; i < points; i++) {
                    test[i][s] = r.testCurve()[i];
                    nlm[i][s] = r.nlmCurve()[i];
                    sc[i][s] = r.collapseCurve()[i];
                }
                f.step(name);
            }
            testCurves.put(name, test);
            nlmCurves.put(name, nlm);
            scCurves.put(name, sc);
        }
        double[] ceSc = f.values(ReproResult.key(RUNS[0], MAX_COLLAPSE));
        double[] ceTest = f.values(ReproResult.key(RUNS[0], FINAL_ACCURACY));
        double[] perpTest = f.values(ReproResult.key(RUNS[1], FINAL_ACCURACY));
        double[] excess = f.values(ReproResult.key(STABLE, STABLE_EXCESS));
        f.check(Check.atLeast("AdamW + CE: max SC fraction (worst seed)", Stats.min(ceSc), 0.3));
        f.check(Check.atMost("AdamW + CE: test accuracy at epoch 2000 (best seed)", Stats.max(ceTest), 0.05));
        f.check(Check.atLeast("⊥AdamW + CE: test accuracy at epoch 2000 (worst seed)", Stats.min(perpTest), PERP_EVERY_SEED));
        f.check(Check.atLeast("AdamW + StableMax: smallest Σs/max s − 1 (float32 collapses it below 2⁻²⁴)", Stats.min(excess), FLOAT32_ABSORPTION));
        StringBuilder table = new StringBuilder("| run | test accuracy at 2000 (per seed) | max SC fraction (per seed) | cos(−∇L, θ) at 2000 (per seed) |\n"
                + "|---|---|---|---|\n");
        for (String name : RUNS) {
            table.append("| ").append(name).append(" | ").append(fmt(f.values(ReproResult.key(name, FINAL_ACCURACY)))).append(" | ")
                    .append(fmt(f.values(ReproResult.key(name, MAX_COLLAPSE)))).append(" | ")
                    .append(fmt(f.values(ReproResult.key(name, FINAL_NLM)))).append(" |\n");
        }
        table.append(String.format("%nStableMax run: smallest normaliser excess Σs/max s − 1 per seed %s (float32 absorbs below %.2g);"
                + " float32 softmax SC fraction of the same logits, largest per seed: %s.%n",
                java.util.Arrays.toString(java.util.Arrays.stream(excess).mapToObj(v -> String.format("%.3g", v)).toArray()), FLOAT32_ABSORPTION,
                fmt(f.values(ReproResult.key(STABLE, SOFTMAX_OF_SAME_LOGITS)))));
        List<String> cats = new ArrayList<>();
        for (int i = 1; i <= points; i++) {
            cats.add(Integer.toString(i * every));
        }
        Plot.Builder test = Plot.lines("test-accuracy.png", "Modular addition mod 31: test accuracy", "epoch", "test accuracy (fraction correct)", cats);
        Plot.Builder sc = Plot.lines("softmax-collapse.png", "Softmax Collapse on the training set (StableMax: its own normaliser)", "epoch",
                "SC fraction (share of training samples)", cats);
        Plot.Builder nlm = Plot.lines("nlm-alignment.png", "Alignment of −∇L with θ (NLM direction)", "epoch", "cos(−∇L, θ) (unitless)", cats).freeY();
        for (String name : RUNS) {
            test.series(name, testCurves.get(name));
            sc.series(name, scCurves.get(name));
            nlm.series(name, nlmCurves.get(name));
        }
        List<String> notes = List.of(
                "Synthetic task as specified by spec 44 (the paper uses p = 113 and up to 80k epochs; StableMax's own grokking needs that length and is not asserted).",
                "Split per seed: 384 training and 577 test pairs of the 961, by a seeded permutation; seeds " + java.util.Arrays.toString(seeds) + ".",
                "SC fraction: share of training samples whose float32 softmax normaliser Σ exp(x − max) equals 1 exactly, measured every " + every
                        + " epochs" + (o.quick() ? " (quick; the full protocol measures every 100)." : "."),
                "Adam is DJL's fused update (bias-corrected); ⊥AdamW is LossLab's perp-grad around it with the official norm rescaling.",
                "⊥AdamW threshold: spec 44's, ≥ " + PERP_EVERY_SEED + " on every seed (its numpy reference: 0.72–0.83). On DJL ⊥AdamW generalises"
                        + " more slowly and with more seed spread; where a seed stays below " + PERP_EVERY_SEED + " at epoch 2000 the claim is"
                        + " reported as not holding. A probe with float64 Adam moments gave 0.64, 0.62, 0.67, 0.66, 0.41, 0.55, 0.05, 0.75 for"
                        + " seeds 0–7, so at p = 31 some initialisations stay far behind at epoch 2000.",
                "StableMax check: StableMax is in collapse when its normaliser ratio Σ s(x_k)/max s(x_k) rounds to 1, i.e. when the excess over 1"
                        + " falls below float32's 2⁻²⁴; the check reports the smallest excess seen, so its margin shows how far the run stayed from"
                        + " collapse. The same bound rules out a zero float64 loss (which needs an excess below 1e-16), so spec 44's 'never a zero loss'"
                        + " is implied and not listed separately. For contrast, the table gives the float32 softmax SC fraction of the same logits.",
                "NLM alignment: cos(−∇L, θ) over all weights at the last step of every " + every + " epochs (NlmAlignment, global; the"
                        + " spec leaves per-layer vs global open). Reported, not asserted: the raw gradient is measured in every run, before"
                        + " ⊥Grad removes its component along θ.");
        notes.forEach(f::note);
        f.table(table);
        f.plot(test.build());
        f.plot(sc.build());
        f.plot(nlm.build());
        return f.result();
    }

    private static String fmt(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format("%.3f", x));
        }
        return b.toString();
    }

    /** All p² pairs, one-hot encoded, labels (a + b) mod p. */
    static TabularData modularAddition() {
        float[][] x = new float[P * P][2 * P];
        int[] y = new int[P * P];
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                int i = a * P + b;
                x[i][a] = 1;
                x[i][P + b] = 1;
                y[i] = (a + b) % P;
            }
        }
        return new TabularData(x, y, P);
    }

    static Run run(String name, long seed, int epochs, int every) {
        TabularData all = modularAddition();
        int[] perm = Split.permutation(all.size(), new Random(seed));
        int nTrain = (int) Math.round(0.4 * all.size());
        TabularData train = all.subset(java.util.Arrays.copyOfRange(perm, 0, nTrain));
        TabularData test = all.subset(java.util.Arrays.copyOfRange(perm, nTrain, perm.length));
        boolean stable = name.contains("StableMax");
        Objective loss = stable ? new StableMaxCrossEntropy() : new CrossEntropy();
        Optimizer adam = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).optBeta1(0.9f).optBeta2(stable ? 0.999f : 0.99f)
                .optEpsilon(1e-25f).optWeightDecays(0f).build();
        Optimizer opt = name.startsWith("⊥") ? new PerpGrad(adam, true) : adam;
        int[] order = java.util.stream.IntStream.range(0, nTrain).toArray();
        double[] testCurve = new double[epochs / every];
        double[] scCurve = new double[epochs / every];
        double[] nlmCurve = new double[epochs / every];
        double excess = stable ? Double.POSITIVE_INFINITY : Double.NaN;
        double softmaxSc = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Mlp.create(m, 2 * P, new int[] {128, 128}, P, Mlp.Init.UNIFORM_FAN_IN, seed, Activation::relu, false);
            Training training = new Training(block, loss, opt, m).onGradients((e, params) -> {
                if (e % every == 0) {
                    nlmCurve[e / every - 1] = NlmAlignment.cosine(params);
                }
            });
            for (int e = 1; e <= epochs; e++) {
                training.epoch(e, train, order, nTrain, StepListener.NONE);
                if (e % every == 0) {
                    float[][] logits = training.outputs(train.x());
                    try (NDManager scope = m.newSubManager()) {
                        NDArray lx = scope.create(logits);
                        NDArray ly = scope.create(train.y());
                        SoftmaxCollapse softmax = SoftmaxCollapse.measure(lx, ly, DataType.FLOAT32);
                        softmaxSc = Math.max(softmaxSc, softmax.collapsedFraction());
                        scCurve[e / every - 1] = stable ? SoftmaxCollapse.measureStableMax(lx, ly, DataType.FLOAT32).collapsedFraction()
                                : softmax.collapsedFraction();
                    }
                    if (stable) {
                        excess = Math.min(excess, smallestStableMaxExcess(logits));
                    }
                    testCurve[e / every - 1] = Metrics.accuracy(training.outputs(test.x()), test.y());
                }
            }
            double maxSc = java.util.Arrays.stream(scCurve).max().orElse(0);
            return new Run(testCurve[testCurve.length - 1], maxSc, excess, softmaxSc, testCurve, scCurve, nlmCurve);
        }
    }

    /** min over rows of Σ_k s(x_k)/max_k s(x_k) − 1, in float64, with StableMax's s(x) = x + 1 (x ≥ 0), 1/(1 − x) (x &lt; 0). */
    static double smallestStableMaxExcess(float[][] logits) {
        double smallest = Double.POSITIVE_INFINITY;
        for (float[] row : logits) {
            double max = 0;
            double sum = 0;
            for (float x : row) {
                double v = x >= 0 ? x + 1.0 : 1.0 / (1.0 - x);
                max = Math.max(max, v);
                sum += v;
            }
            smallest = Math.min(smallest, sum / max - 1);
        }
        return smallest;
    }
}
