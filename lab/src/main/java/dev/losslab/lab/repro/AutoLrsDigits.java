package dev.losslab.lab.repro;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Split;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import dev.losslab.train.autolrs.AutoLrs;
import dev.losslab.train.averaging.StateDict;
import dev.losslab.train.optim.MomentumSgd;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Paper 33 (AutoLRS): spec 33's scaled-down run. Softmax regression on digits (W = 0), a random
 * 1,437 / 360 train/validation split per seed, SGD with batches of 128. AutoLRS searches
 * [1e-3, 10] (log scale) with τ' = 20, τ = 200, k = 6, τ_max = 800 in a 3,000-step budget (three
 * stages: 1,400 exploitation steps plus the probes); the baselines train with a constant rate
 * ∈ {1e-3, 1e-2, 0.1, 1, 10} for the same 1,400 steps. Metric: validation cross-entropy. Checks
 * (spec 33): AutoLRS ≤ 1.1 × the best constant on every seed; AutoLRS ≤ 0.5 × the constant 0.1.
 */
public final class AutoLrsDigits extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new AutoLrsDigits();

    static final double[] CONSTANTS = {1e-3, 1e-2, 0.1, 1, 10};

    private AutoLrsDigits() {
        super(new About(33, "autolrs", "AutoLRS: learning rates chosen on the fly by forecasting the loss",
                "Choosing each stage's learning rate by briefly probing candidates, forecasting their loss with an exponential model and a"
                        + " Gaussian-process search, trains as well as the best hand-picked constant rate, without tuning it.",
                "validation cross-entropy"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(3).length * 2;
    }

    /** A softmax regression trained by minibatch SGD whose rate is set per call. */
    static final class Softmax implements AutoLrs.Trainee, AutoCloseable {
        private final Model model = Model.newInstance("autolrs");
        private final Linear block = Linear.builder().setUnits(10).build();
        private final double[] rate = {0};
        private final Training training;
        private final TabularData train;
        private final Random batches;

        Softmax(TabularData train, long seed) {
            block.setInitializer(ai.djl.training.initializer.Initializer.ZEROS, ai.djl.nn.Parameter.Type.WEIGHT);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, train.dim()));
            Tracker variable = t -> (float) rate[0];
            training = new Training(block, new CrossEntropy(), new MomentumSgd(variable, 0, 0, false), model.getNDManager());
            this.train = train;
            this.batches = new Random(seed);
        }

        @Override
        public Object checkpoint() {
            return StateDict.of(block);
        }

        @Override
        public void restore(Object checkpoint) {
            ((StateDict) checkpoint).loadInto(block);
        }

        @Override
        public double[] train(double lr, int steps) {
            rate[0] = lr;
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                int[] ids = new int[128];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = batches.nextInt(train.size());
                }
                losses[s] = training.step(0, train, ids, (e, i, per, l) -> {});
            }
            return losses;
        }

        double validationLoss(TabularData val) {
            return HostLogits.meanCrossEntropy(training.outputs(val.x()), val.y());
        }

        @Override
        public void close() {
            model.close();
        }
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Dataset digits = DigitsSource.load(o.data(), DigitsSource.StandIn.SEPARATED);
        Findings f = start(o, 3, progress).data(digits.source(), o.data().find(DigitsSource.PATH).isEmpty());
        int[] seeds = f.seeds();
        TabularData all = digits.data();
        double[] auto = new double[seeds.length];
        double[][] constant = new double[CONSTANTS.length][seeds.length];
        StringBuilder chosen = new StringBuilder();
        for (int s = 0; s < seeds.length; s++) {
            int[] perm = Split.permutation(all.size(), new Random(seeds[s]));
            TabularData train = all.subset(Arrays.copyOfRange(perm, 0, 1437));
            TabularData val = all.subset(Arrays.copyOfRange(perm, 1437, perm.length));
            try (Softmax model = new Softmax(train, seeds[s] + 1)) {
                List<AutoLrs.Stage> stages = new AutoLrs(1e-3, 10, 20, 200, 6, 800, new Random(seeds[s] + 2)).run(model, 3000);
                auto[s] = model.validationLoss(val);
                chosen.append(String.format("seed %d: chosen %s%n", seeds[s], stages.stream().map(st -> String.format("%.3g", st.chosen())).toList()));
                for (AutoLrs.Stage st : stages) {
                    StringBuilder tried = new StringBuilder();
                    for (int j = 0; j < st.rates().length; j++) {
                        tried.append(String.format(" %.3g→%.4f", st.rates()[j], st.forecasts()[j]));
                    }
                    chosen.append("  τ' = ").append(st.probeSteps()).append(", τ = ").append(st.exploitSteps()).append(": rate→forecast").append(tried).append('\n');
                }
            }
            f.step("AutoLRS, seed " + seeds[s]);
            for (int c = 0; c < CONSTANTS.length; c++) {
                try (Softmax model = new Softmax(train, seeds[s] + 1)) {
                    model.train(CONSTANTS[c], 1400);
                    constant[c][s] = model.validationLoss(val);
                }
            }
            f.step("constant rates, seed " + seeds[s]);
        }
        f.record("AutoLRS: validation CE", auto);
        double worst = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < seeds.length; s++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] c : constant) {
                best = Math.min(best, c[s]);
            }
            worst = Math.max(worst, auto[s] / best);
        }
        String[] labels = {"AutoLRS", "lr 1e-3", "lr 1e-2", "lr 0.1", "lr 1", "lr 10"};
        for (int c = 0; c < CONSTANTS.length; c++) {
            f.record(labels[c + 1] + ": validation CE", constant[c]);
        }
        f.check(Check.atMost("AutoLRS / best constant, worst seed (spec: ≤ 1.1 on every seed)", worst, 1.1));
        f.check(Check.atMost("AutoLRS / constant 0.1 (spec: ≤ 0.5)", Stats.mean(auto) / Stats.mean(constant[2]), 0.5));
        double[][] bars = new double[labels.length][];
        bars[0] = auto;
        System.arraycopy(constant, 0, bars, 1, CONSTANTS.length);
        f.plot(Plot.bars("validation-ce.png", "Softmax regression on digits: validation CE after 1,400 training steps", "schedule", "validation cross-entropy",
                List.of(labels)).series("validation CE", bars).build());
        MarkdownTable table = new MarkdownTable("schedule", "validation CE (mean ± sd)", "spec 33 (NumPy, 3 seeds)");
        String[] spec = {"0.0671 / 0.0834 / 0.1246", "2.053 / 2.053 / 2.055", "—", "0.230 / 0.266 / 0.255", "0.092 / 0.120 / 0.133", "0.071 / 0.091 / 0.131"};
        for (int k = 0; k < labels.length; k++) {
            table.row(labels[k], MarkdownTable.f3(Stats.mean(bars[k])) + " ± " + MarkdownTable.f3(Stats.sd(bars[k])), spec[k]);
        }
        f.table(table + "\nRates chosen per stage:\n\n```\n" + chosen + "```\n");
        f.note("AutoLRS here is spec 33's scaled-down controller: training-loss forecasts only (the code's validation mode is not reached),"
                + " an RBF Gaussian process whose next probe maximises the posterior standard deviation (LCB with κ → ∞), and a robust quadratic"
                + " smoothing in place of the code's smoothing spline.");
        return f.result();
    }
}
