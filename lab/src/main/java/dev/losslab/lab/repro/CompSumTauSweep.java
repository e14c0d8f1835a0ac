package dev.losslab.lab.repro;

import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import java.util.ArrayList;
import java.util.List;

/**
 * Paper 04 (comp-sum losses): τ sweep on digits. MLP 64→64 tanh→10 (LeCun-normal init), plain
 * SGD, batch 32, 30 epochs, 60/40 split per seed; τ ∈ {0, 0.5, 1, 1.5, 2}; lr grid {0.03, 0.1,
 * 0.3, 1.0} (quick: {0.03, 0.1, 0.3}). Checks (spec 04): at lr 0.1, CE (τ=1) reaches ≥ 0.94 and MAE
 * (τ=2) trails it by ≥ 0.05; best over lr, CE is within 0.01 of every other τ. "Best over lr"
 * skips a learning rate at which any seed diverged; a τ whose every rate diverged has no tuned
 * accuracy, and its comparison is reported as not evaluated rather than passed.
 */
public final class CompSumTauSweep extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new CompSumTauSweep();

    static final double[] TAUS = {0, 0.5, 1, 1.5, 2};
    static final float[] LRS = {0.03f, 0.1f, 0.3f, 1.0f};
    /** Keeps 0.03, the only rate at which τ = 0 trains on digits, so the τ = 0 comparison is evaluated in CI too. */
    static final float[] QUICK_LRS = {0.03f, 0.1f, 0.3f};
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

    private CompSumTauSweep() {
        super(new About(4, "comp-sum-tau-sweep", "Comp-sum losses: τ sweep on digits",
                "Cross-entropy (τ = 1) is the favourable comp-sum loss: at a fixed learning rate MAE (τ = 2) optimises much more slowly,"
                        + " and tuned over the learning rate no other τ beats cross-entropy by more than 0.01.",
                "test accuracy"));
    }

    private static float[] lrs(ReproOptions o) {
        return o.quick() ? QUICK_LRS : LRS;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return TAUS.length * lrs(o).length * o.seedList(3).length;
    }

    /** Whether any seed of (τ, lr) diverged. */
    private static boolean divergedAt(List<String> diverged, double tau, float lr) {
        return diverged.stream().anyMatch(run -> run.startsWith(key(tau, lr) + ",seed="));
    }

    static String key(double tau, float lr) {
        return ReproResult.key("tau=" + tau, "lr=" + lr);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress);
        Dataset d = DigitsSource.load(o.data(), STAND_IN);
        f.data(d);
        float[] lrs = lrs(o);
        List<String> diverged = new ArrayList<>();
        for (double tau : TAUS) {
            for (float lr : lrs) {
                f.measure(key(tau, lr), seed -> {
                    Split split = MlpProtocol.split(d.data(), seed);
                    MlpProtocol.Outcome out = PROTOCOL.run(split.train(), split.test(), new CompSum(tau), lr, seed);
                    if (out.diverged()) {
                        diverged.add(key(tau, lr) + ",seed=" + seed);
                    }
                    return out.testAccuracy();
                });
            }
        }
        double ce01 = f.mean(key(1, 0.1f));
        double mae01 = f.mean(key(2, 0.1f));
        double[] best = new double[TAUS.length];
        for (int t = 0; t < TAUS.length; t++) {
            best[t] = Double.NEGATIVE_INFINITY;
            for (float lr : lrs) {
                if (!divergedAt(diverged, TAUS[t], lr)) {
                    best[t] = Math.max(best[t], f.mean(key(TAUS[t], lr)));
                }
            }
        }
        double ceFloor = d.synthetic() ? STAND_IN_CE_FLOOR : 0.94;
        f.check(Check.atLeast("lr 0.1: accuracy of CE (τ=1)", ce01, ceFloor));
        f.check(Check.atMost("lr 0.1: accuracy of MAE (τ=2) ≤ CE − 0.05", mae01, ce01 - 0.05));
        for (int t = 0; t < TAUS.length; t++) {
            if (TAUS[t] == 1) {
                continue;
            }
            String what = "best over lr: CE ≥ τ=" + TAUS[t] + " − 0.01";
            f.check(best[t] == Double.NEGATIVE_INFINITY || best[2] == Double.NEGATIVE_INFINITY
                    ? Check.notEvaluated(what, Double.NaN, false, "every learning rate of the grid diverged in at least one seed for "
                            + (best[t] == Double.NEGATIVE_INFINITY ? "τ=" + TAUS[t] : "CE") + ", so no tuned accuracy exists to compare")
                    : Check.atLeast(what, best[2], best[t] - 0.01));
        }
        List<String> header = new ArrayList<>(List.of("τ"));
        for (float lr : lrs) {
            header.add("lr " + lr);
        }
        header.add("best");
        MarkdownTable table = new MarkdownTable(header);
        Plot.Builder plot = Plot.lines("accuracy-vs-tau.png", "Comp-sum τ sweep on " + d.name(), "τ (0 sum-exp, 1 CE, 1.5 GCE, 2 MAE)",
                "test accuracy (fraction correct)", java.util.Arrays.stream(TAUS).mapToObj(Double::toString).toList());
        for (float lr : lrs) {
            double[][] perSeed = new double[TAUS.length][];
            for (int t = 0; t < TAUS.length; t++) {
                perSeed[t] = f.values(key(TAUS[t], lr));
                for (int s = 0; s < perSeed[t].length; s++) {
                    if (diverged.contains(key(TAUS[t], lr) + ",seed=" + f.seeds()[s])) {
                        perSeed[t][s] = Double.NaN;
                    }
                }
            }
            plot.series("lr " + lr, perSeed);
        }
        for (int t = 0; t < TAUS.length; t++) {
            List<Object> row = new ArrayList<>(List.of(TAUS[t]));
            for (float lr : lrs) {
                row.add(MarkdownTable.f3(f.mean(key(TAUS[t], lr))));
            }
            row.add(best[t] == Double.NEGATIVE_INFINITY ? "all diverged" : MarkdownTable.f3(best[t]));
            table.row(row);
        }
        f.table(table);
        f.plot(plot.build());
        f.note("Protocol: MLP 64→64 tanh→C, LeCun-normal init, zero bias, plain SGD, batch 32 reshuffled each epoch, 30 epochs, 60/40 split per seed.");
        f.note("Learning rates: " + java.util.Arrays.toString(lrs) + (o.quick() ? " (quick grid; the full grid adds 1.0)." : "."));
        if (d.synthetic()) {
            f.note("Synthetic stand-in (no digits file found): 1,797 points of 10 Gaussian classes in 64 dimensions (class-mean separation "
                    + STAND_IN.separation() + ", features ×" + STAND_IN.scale() + "). It was chosen to be hard enough that MAE's small early"
                    + " gradients slow it as on digits; on an easier mixture every τ trains equally fast and the MAE check has nothing to"
                    + " detect. The CE accuracy floor at lr 0.1 is " + STAND_IN_CE_FLOOR + " instead of digits' 0.94; the other checks are the spec's.");
        }
        if (!diverged.isEmpty()) {
            f.note(diverged.size() + " diverged run(s) (loss overflow; accuracy measured on the diverged model, kept in the table and values,"
                    + " excluded from the best-over-lr column and checks): " + String.join("; ", diverged));
        }
        return f.result();
    }
}
