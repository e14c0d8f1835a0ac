package dev.losslab.lab.repro;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registered;
import dev.losslab.core.regression.CategoricalRegressionObjective;
import dev.losslab.core.regression.HistogramSupport;
import dev.losslab.core.regression.HlGauss;
import dev.losslab.core.regression.SquaredError;
import dev.losslab.core.regression.TwoHot;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.StepListener;
import dev.losslab.train.Targets;
import dev.losslab.train.Training;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Paper 64 (HL-Gauss, "Stop Regressing"): noisy 1-D regression y = sin(2x) + 0.1·ε, x ~ U(−3, 3),
 * n = 512, with and without 10% outliers (±U(1, 3)); MLP 1→64→64 tanh (N(0, 1) first layer,
 * N(0, 1/64) after; classification output layers ×0.1), Adam lr 3e-3, batch 64, 300 epochs
 * in both modes (the baseline gets the spec's full, converged budget; quick changes nothing). Heads: MSE, two-hot (51 atoms on [−2, 2]), HL-Gauss (51 bins on [−2, 2],
 * σ = 0.75ς). Test RMSE against the clean function on 1,000 evenly spaced x. Checks (spec 64):
 * RMSE_HL ≤ 0.85·RMSE_MSE for both noise types and RMSE_HL ≤ RMSE_two-hot + 0.005.
 */
public final class HlGaussRegression extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new HlGaussRegression();

    /** Spec 64's budget, for every head and both modes: at 150 epochs MSE is still far from converged (RMSE 0.135 vs 0.03). */
    static final int EPOCHS = 300;
    static final String[] NOISE = {"gaussian", "outliers"};
    static final Map<String, Supplier<Objective>> HEADS = new LinkedHashMap<>();

    static {
        HEADS.put("MSE", SquaredError::new);
        HEADS.put("two-hot", () -> new TwoHot(-2, 2, 51));
        HEADS.put("HL-Gauss", () -> new HlGauss(new HistogramSupport(-2, 2, 51), 0));
    }

    private HlGaussRegression() {
        super(new About(64, "hl-gauss-regression", "HL-Gauss vs two-hot vs MSE on noisy 1-D regression",
                "Training a regressor by classification with HL-Gauss targets beats MSE regression under noisy targets (and under outliers),"
                        + " and is at least as good as two-hot targets.",
                "test RMSE"));
    }

    /** The spec's protocol is already CI-sized. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return NOISE.length * HEADS.size() * o.seedList(3).length;
    }

    static String key(String noise, String head) {
        return ReproResult.key(noise, head);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: sin(2x) regression (the spec's own task)", false);
        int[] seeds = f.seeds();
        int epochs = EPOCHS;
        for (String noise : NOISE) {
            for (String head : HEADS.keySet()) {
                double[] rmse = new double[seeds.length];
                for (int s = 0; s < seeds.length; s++) {
                    rmse[s] = run(noise.equals("outliers"), HEADS.get(head).get(), epochs, seeds[s]);
                    f.step(key(noise, head));
                }
                f.record(key(noise, head), rmse);
            }
        }
        for (String noise : NOISE) {
            double hl = f.mean(key(noise, "HL-Gauss"));
            double mse = f.mean(key(noise, "MSE"));
            f.check(Check.atMost(noise + ": RMSE HL-Gauss ≤ 0.85 × RMSE MSE", hl, 0.85 * mse));
            if (hl > 0.85 * mse) {
                f.note(String.format("Not holding with %s noise: the MSE baseline, trained for the full %d epochs, reaches RMSE %.4f"
                        + " (spec 64's numpy reference: %s) against HL-Gauss %.4f; the protocol was not tuned to make the check pass.",
                        noise, EPOCHS, mse, noise.equals("gaussian") ? "0.0541" : "0.1419", hl));
            }
            f.check(Check.atMost(noise + ": RMSE HL-Gauss ≤ RMSE two-hot + 0.005", hl, f.mean(key(noise, "two-hot")) + 0.005));
        }
        StringBuilder table = new StringBuilder("Test RMSE against the clean function (mean over seeds; lower is better).\n\n| head |");
        for (String noise : NOISE) {
            table.append(' ').append(noise).append(" |");
        }
        table.append("\n|---|---|---|\n");
        Plot.Builder plot = Plot.bars("rmse-by-head.png", "Test RMSE by output head", "target noise", "test RMSE (target units)", List.of(NOISE));
        for (String head : HEADS.keySet()) {
            table.append("| ").append(head).append(" |");
            double[][] perSeed = new double[NOISE.length][];
            for (int i = 0; i < NOISE.length; i++) {
                perSeed[i] = f.values(key(NOISE[i], head));
                table.append(String.format(" %.4f |", f.mean(key(NOISE[i], head))));
            }
            plot.series(head, perSeed);
            table.append('\n');
        }
        List<String> notes = List.of(
                "Synthetic task as specified by spec 64 (no external data): x ~ U(−3, 3), n = 512, y = sin(2x) + 0.1·N(0, 1); outliers: ±U(1, 3) added to 10% of targets.",
                "MLP 1→64→64 tanh, N(0, 1) first layer, N(0, 1/64) after, zero biases; output layer ×0.1 for the categorical heads; Adam lr 3e-3,"
                        + " batch 64 reshuffled each epoch, " + epochs + " epochs for every head in both modes (quick changes nothing here): at 150"
                        + " epochs the MSE baseline is not converged, and comparing there would flatter HL-Gauss.",
                "Test set: 1,000 evenly spaced x in [−3, 3] against the clean sin(2x); seeds " + java.util.Arrays.toString(seeds) + ".",
                "Targets outside [−2, 2] are clipped to the support by the two-hot and HL-Gauss losses.");
        notes.forEach(f::note);
        f.table(table);
        f.plot(plot.build());
        return f.result();
    }

    /** Trains one head and returns its test RMSE against sin(2x). */
    static double run(boolean outliers, Objective head, int epochs, long seed) {
        Random r = new Random(seed);
        int n = 512;
        float[][] x = new float[n][1];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (r.nextDouble() * 6 - 3);
            y[i] = (float) (Math.sin(2 * x[i][0]) + 0.1 * r.nextGaussian());
            if (outliers && r.nextDouble() < 0.1) {
                y[i] += (float) ((r.nextBoolean() ? 1 : -1) * (1 + 2 * r.nextDouble()));
            }
        }
        boolean categorical = head instanceof CategoricalRegressionObjective;
        int outputs = categorical ? ((CategoricalRegressionObjective) head).values().length : 1;
        Mlp.WeightInit init = Mlp.WeightInit.normal((layer, fanIn, fanOut, last) -> (layer == 0 ? 1.0 : Math.sqrt(1.0 / fanIn)) * (last && categorical ? 0.1 : 1));
        float[][] test = new float[1000][1];
        for (int i = 0; i < 1000; i++) {
            test[i][0] = (float) (-3 + 6.0 * i / 999);
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Mlp.create(m, 1, new int[] {64, 64}, outputs, init, seed);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
            Training training = new Training(block, head, adam, m);
            Random order = new Random(seed + 1);
            for (int e = 0; e < epochs; e++) {
                training.epoch(e, x, Targets.values(y), Split.permutation(n, order), 64, StepListener.NONE);
            }
            float[][] out = training.outputs(test);
            double se = 0;
            for (int i = 0; i < test.length; i++) {
                double pred = categorical ? expectation(out[i], ((CategoricalRegressionObjective) head).values()) : out[i][0];
                double d = pred - Math.sin(2 * test[i][0]);
                se += d * d;
            }
            return Math.sqrt(se / test.length);
        }
    }

    /** Σ_i softmax(logits)_i·values_i on the host. */
    static double expectation(float[] logits, double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double z = 0;
        double s = 0;
        for (int i = 0; i < logits.length; i++) {
            double e = Math.exp(logits[i] - max);
            z += e;
            s += e * values[i];
        }
        return s / z;
    }
}
