package dev.losslab.lab.repro;

import dev.losslab.core.registry.Registered;
import dev.losslab.train.reweight.DecorrelationWeights;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Paper 55 (L2R-GNN's decorrelation weights): spec 55's tabular stable-learning simulation. Train
 * (n = 1,000): S1 ~ N(0,1), S2 = 0.8·S1 + 0.6·N(0,1), a spurious V1 = 0.9(S1² − 1)/√2 + √0.19·N(0,1)
 * that proxies the unmodelled S1², V2 ~ N(0,1); y = S1 + S2 + (S1² − 1) + 0.3·N(0,1). Test
 * (n = 5,000): the same S and y but V1, V2 independent N(0,1). A linear regression with intercept on
 * (S1, S2, V1, V2) fitted by weighted least squares: ERM (w = 1), all-pairs decorrelation weights and
 * cluster decorrelation with clusters {S1, S2}, {V1, V2} ({@link DecorrelationWeights}: Q = 5 Fourier
 * features per variable, Adam lr 0.05, 500 steps). Checks (spec 55): both reweighted fits have test
 * RMSE ≤ 0.9 × ERM on every seed; L_dec after learning ≤ 0.01 × its initial value. The effective
 * sample sizes are reported, not asserted.
 */
public final class DecorrelationShift extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new DecorrelationShift();

    static final String[] ARMS = {"ERM", "all-pairs decorrelation", "cluster decorrelation"};

    private DecorrelationShift() {
        super(new About(55, "decorrelation-weights", "Decorrelating sample weights against a spurious shifted feature",
                "Learning sample weights that remove the (nonlinear) dependence between clusters of variables stops a model from leaning on a"
                        + " spurious feature, which improves its error under distribution shift; decorrelating only across clusters keeps more"
                        + " effective samples than decorrelating every pair.",
                "test RMSE under the shift"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(3).length * 2;
    }

    /** Features [n][4] and targets of the train (shifted = false) or test (shifted = true) distribution. */
    static double[][][] sample(int n, boolean shifted, Random r) {
        double[][] x = new double[n][4];
        double[][] y = new double[n][1];
        for (int i = 0; i < n; i++) {
            double s1 = r.nextGaussian();
            double s2 = 0.8 * s1 + 0.6 * r.nextGaussian();
            double v1 = shifted ? r.nextGaussian() : 0.9 * (s1 * s1 - 1) / Math.sqrt(2) + Math.sqrt(0.19) * r.nextGaussian();
            double v2 = r.nextGaussian();
            x[i] = new double[] {s1, s2, v1, v2};
            y[i][0] = s1 + s2 + (s1 * s1 - 1) + 0.3 * r.nextGaussian();
        }
        return new double[][][] {x, y};
    }

    /** Weighted least squares with intercept: coefficients [b0, b1..b4]. */
    static double[] fit(double[][] x, double[][] y, double[] w) {
        int n = x.length;
        DMatrixRMaj a = new DMatrixRMaj(n, 5);
        DMatrixRMaj b = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double s = Math.sqrt(w[i]);
            a.set(i, 0, s);
            for (int j = 0; j < 4; j++) {
                a.set(i, j + 1, s * x[i][j]);
            }
            b.set(i, 0, s * y[i][0]);
        }
        DMatrixRMaj coef = new DMatrixRMaj(5, 1);
        if (!CommonOps_DDRM.solve(a, b, coef)) {
            throw new IllegalStateException("weighted least squares failed");
        }
        return coef.getData();
    }

    static double rmse(double[] coef, double[][] x, double[][] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double p = coef[0];
            for (int j = 0; j < 4; j++) {
                p += coef[j + 1] * x[i][j];
            }
            s += (p - y[i][0]) * (p - y[i][0]);
        }
        return Math.sqrt(s / x.length);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: stable-learning regression with a spurious, shifted feature (spec 55's)", false);
        int[] seeds = f.seeds();
        double[][] rmse = new double[ARMS.length][seeds.length];
        double[][] ess = new double[ARMS.length][seeds.length];
        double[][] reduction = new double[2][seeds.length];
        int[][] clusterings = {{0, 1, 2, 3}, {0, 0, 1, 1}};
        for (int s = 0; s < seeds.length; s++) {
            Random r = new Random(seeds[s]);
            double[][][] train = sample(1000, false, r);
            double[][][] test = sample(5000, true, r);
            double[] uniform = new double[1000];
            java.util.Arrays.fill(uniform, 1);
            rmse[0][s] = rmse(fit(train[0], train[1], uniform), test[0], test[1]);
            ess[0][s] = 1000;
            double[][][] features = DecorrelationWeights.randomFourierFeatures(train[0], 5, seeds[s] + 500);
            for (int c = 0; c < 2; c++) {
                double[] history = new double[501];
                double[] w = DecorrelationWeights.learn(features, clusterings[c], 500, 0.05, history);
                rmse[c + 1][s] = rmse(fit(train[0], train[1], w), test[0], test[1]);
                ess[c + 1][s] = DecorrelationWeights.effectiveSampleSize(w);
                reduction[c][s] = history[500] / history[0];
                f.step(ARMS[c + 1] + ", seed " + seeds[s]);
            }
        }
        for (int k = 0; k < ARMS.length; k++) {
            f.record(ARMS[k] + ": test RMSE", rmse[k]);
            f.record(ARMS[k] + ": effective sample size", ess[k]);
        }
        for (int c = 0; c < 2; c++) {
            double worst = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < seeds.length; s++) {
                worst = Math.max(worst, rmse[c + 1][s] / rmse[0][s]);
            }
            f.check(Check.atMost(ARMS[c + 1] + ": RMSE / ERM RMSE, worst seed (spec: ≤ 0.9 on every seed)", worst, 0.9));
            f.check(Check.atMost(ARMS[c + 1] + ": L_dec after / before, worst seed (spec: ≤ 0.01)", Stats.max(reduction[c]), 0.01));
        }
        f.plot(Plot.bars("test-rmse.png", "Test RMSE under the shift (spurious V1 becomes independent)", "sample weighting", "test RMSE", List.of(ARMS))
                .series("RMSE", rmse).build());
        f.plot(Plot.bars("effective-sample-size.png", "Effective sample size (Σw)²/Σw² of the training weights (n = 1,000)", "sample weighting", "effective sample size",
                List.of(ARMS)).series("ESS", ess).build());
        MarkdownTable table = new MarkdownTable("sample weighting", "test RMSE (mean ± sd)", "ESS (mean)", "spec 55 (NumPy, RMSE per seed)");
        String[] spec = {"1.939 / 1.905 / 1.925", "1.596 / 1.581 / 1.638", "1.508 / 1.600 / 1.530"};
        for (int k = 0; k < ARMS.length; k++) {
            table.row(ARMS[k], MarkdownTable.f3(Stats.mean(rmse[k])) + " ± " + MarkdownTable.f3(Stats.sd(rmse[k])), MarkdownTable.f3(Stats.mean(ess[k])), spec[k]);
        }
        f.table(table);
        f.note("The clusters are given ({S1, S2} and {V1, V2}); the paper's stability-of-correlation clustering, its GNN encoder and momentum"
                + " weight queues are not reproduced. ESS is reported, not asserted: spec 55 saw the cluster variant keep more samples on 2 of 3 seeds only.");
        return f.result();
    }
}
