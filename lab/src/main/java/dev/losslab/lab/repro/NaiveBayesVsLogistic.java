package dev.losslab.lab.repro;

import dev.losslab.core.registry.Registered;
import dev.losslab.lab.classifier.GaussianNaiveBayes;
import dev.losslab.lab.classifier.LogisticRegressionProbe;
import java.util.List;
import java.util.Random;

/**
 * Paper 07 (discriminative vs generative classifiers): learning curves of Gaussian naive Bayes and
 * logistic regression (C = 1, to convergence) on the official "easy" Gaussian simulation with
 * n = 100 features: class 0 mean −1·1_n, class k ≥ 1 mean 2^{k−1}·1_n, diagonal covariance with the
 * first n/2 variances n and the rest 1; test set ⌊10⁴/K⌋ points per class (seed 0); training sets
 * of m fresh draws with seeds 100..104 (class sizes ⌊m/K⌋, the first m mod K classes one more).
 * Checks (spec 07, 5-repeat means): K = 2 — NB ≤ 0.01 for all m ≥ 10, LR ≥ 0.10 at m ∈ {10, 20, 50},
 * both ≤ 0.01 at m = 500; K = 3 — NB &lt; LR − 0.2 at m ∈ {10, 20, 50, 100}.
 */
public final class NaiveBayesVsLogistic extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new NaiveBayesVsLogistic();

    static final int FEATURES = 100;
    static final int[] M2 = {4, 10, 20, 50, 100, 200, 500};
    static final int[] M3 = {10, 20, 50, 100, 200, 500};

    private NaiveBayesVsLogistic() {
        super(new About(7, "naive-bayes-vs-logistic", "Naive Bayes vs logistic regression learning curves",
                "With n = 100 features, the generative classifier (Gaussian naive Bayes) approaches its asymptotic error with far fewer"
                        + " training samples than the discriminative one (logistic regression). Only n = 100 is run, so the paper's rates"
                        + " (O(log n) against O(n) samples) are not tested.",
                "test error"));
    }

    private static int repeats(ReproOptions o) {
        return o.seeds() > 0 ? o.seeds() : 5;
    }

    /** The spec's protocol is already CI-sized. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return (M2.length + M3.length) * repeats(o);
    }

    /** Points and labels drawn from the easy simulation. */
    record Sample(double[][] x, int[] y) {}

    static Sample draw(int[] perClass, Random r) {
        int total = java.util.Arrays.stream(perClass).sum();
        double[][] x = new double[total][FEATURES];
        int[] y = new int[total];
        int i = 0;
        for (int k = 0; k < perClass.length; k++) {
            double mean = k == 0 ? -1 : Math.pow(2, k - 1);
            for (int c = 0; c < perClass[k]; c++, i++) {
                y[i] = k;
                for (int j = 0; j < FEATURES; j++) {
                    double sd = j < FEATURES / 2 ? Math.sqrt(FEATURES) : 1;
                    x[i][j] = mean + sd * r.nextGaussian();
                }
            }
        }
        return new Sample(x, y);
    }

    static int[] sizes(int m, int classes) {
        int[] s = new int[classes];
        for (int k = 0; k < classes; k++) {
            s[k] = m / classes + (k < m % classes ? 1 : 0);
        }
        return s;
    }

    static double error(Sample test, java.util.function.ToIntFunction<double[]> predict) {
        int wrong = 0;
        for (int i = 0; i < test.y().length; i++) {
            wrong += predict.applyAsInt(test.x()[i]) != test.y()[i] ? 1 : 0;
        }
        return (double) wrong / test.y().length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        int reps = repeats(o);
        int[] seeds = java.util.stream.IntStream.range(0, reps).map(i -> 100 + i).toArray();
        Findings f = start(o, seeds, progress).data("synthetic: Gaussian simulation (the paper's own)", false);
        for (int classes : new int[] {2, 3}) {
            int[] grid = classes == 2 ? M2 : M3;
            int[] perClass = new int[classes];
            java.util.Arrays.fill(perClass, 10000 / classes);
            Sample test = draw(perClass, new Random(0));
            double[][] nbSeries = new double[grid.length][];
            double[][] lrSeries = new double[grid.length][];
            MarkdownTable table = new MarkdownTable("m", "NB", "LR");
            for (int g = 0; g < grid.length; g++) {
                int m = grid[g];
                double[] nb = new double[reps];
                double[] lr = new double[reps];
                for (int s = 0; s < reps; s++) {
                    Sample train = draw(sizes(m, classes), new Random(seeds[s]));
                    GaussianNaiveBayes bayes = GaussianNaiveBayes.fit(train.x(), train.y(), classes);
                    LogisticRegressionProbe logistic = LogisticRegressionProbe.fit(train.x(), train.y(), classes, 1.0);
                    nb[s] = error(test, bayes::predict);
                    lr[s] = error(test, logistic::predict);
                    f.step("K=" + classes + " m=" + m);
                }
                f.record("K=" + classes + ",m=" + m + " | NB", nb);
                f.record("K=" + classes + ",m=" + m + " | LR", lr);
                nbSeries[g] = nb;
                lrSeries[g] = lr;
                table.row(m, MarkdownTable.f3(Stats.mean(nb)), MarkdownTable.f3(Stats.mean(lr)));
            }
            f.table("K = " + classes + " (mean test error over " + reps + " training sets)\n\n" + table + "\n");
            List<String> cats = java.util.Arrays.stream(grid).mapToObj(Integer::toString).toList();
            f.plot(Plot.lines("learning-curves-k" + classes + ".png", "Test error vs training size, K = " + classes + ", n = " + FEATURES,
                    "training-set size m (log scale)", "test error (fraction misclassified)", cats).logX()
                    .series("naive Bayes", nbSeries).series("logistic regression", lrSeries).build());
        }
        for (int m : new int[] {10, 20, 50, 100, 200, 500}) {
            f.check(Check.atMost("K=2, m=" + m + ": NB error", f.mean("K=2,m=" + m + " | NB"), 0.01));
        }
        for (int m : new int[] {10, 20, 50}) {
            f.check(Check.atLeast("K=2, m=" + m + ": LR error", f.mean("K=2,m=" + m + " | LR"), 0.10));
        }
        f.check(Check.atMost("K=2, m=500: LR error", f.mean("K=2,m=500 | LR"), 0.01));
        for (int m : new int[] {10, 20, 50, 100}) {
            double lr = f.mean("K=3,m=" + m + " | LR");
            f.check(Check.atMost("K=3, m=" + m + ": NB error ≤ LR error − 0.2", f.mean("K=3,m=" + m + " | NB"), lr - 0.2));
        }
        f.note("Synthetic simulation of the official generate_data.py (easy mode), n = 100; training sets are fresh draws (spec 07's choice).");
        f.note("Test sets: ⌊10⁴/K⌋ points per class (10,000 for K = 2, 9,999 for K = 3), drawn once with seed 0; training sets with seeds "
                + java.util.Arrays.toString(seeds) + " (one per repeat). The protocol has no quick variant: --quick changes nothing here.");
        f.note("Logistic regression: sklearn's objective (binary form for K = 2, multinomial for K = 3), C = 1, L-BFGS to ‖∇‖ ≤ 1e-6 (≤ 1,000 iterations).");
        return f.result();
    }
}
