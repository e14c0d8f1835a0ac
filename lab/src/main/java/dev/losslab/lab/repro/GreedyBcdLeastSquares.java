package dev.losslab.lab.repro;

import dev.losslab.core.registry.Registered;
import dev.losslab.train.bcd.BlockCoordinateDescent;
import dev.losslab.train.bcd.BlockCoordinateDescent.Selection;
import dev.losslab.train.bcd.BlockCoordinateDescent.Update;
import dev.losslab.train.bcd.SmoothObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Paper 65 (greedy block coordinate descent): spec 65's scaled-down "dataset A" of the official code.
 * Per seed: n = 300, p = 100, A_ij = (N(0,1) + 1)·c_j with column scales c_j ~ 10·N(0,1), each entry
 * kept with probability 10·log(n)/n; w_j ~ N(0,1) kept with probability 0.1; b = A w + N(0,1).
 * Least squares with 20 contiguous blocks of 5, x₀ = 0, 300 iterations; metric f(x) − f*. Rules:
 * with Lb updates Random, Cyclic, GS, GSL, GSD; with Hb updates Random, Cyclic, GS, GSQ; and, reported
 * without a check (the spec sets no threshold), GS with blocks sorted by L_i and GS/GSL/GS-Hb with
 * variable blocks of 5. Checks
 * (spec 65, means over seeds): with Lb, GS and GSL at least 5× better than Random and Cyclic;
 * GSL(Lb) ≤ 1.05 × GS(Lb); GS(Hb) ≤ 1e-2 × GS(Lb); GSQ(Hb) ≤ GS(Hb) on every seed.
 */
public final class GreedyBcdLeastSquares extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new GreedyBcdLeastSquares();

    /** How the coordinates are grouped: contiguous blocks, blocks sorted by L_i (the code's "Sort"), or variable blocks. */
    enum Partition { CONTIGUOUS, SORTED, VARIABLE }

    record Arm(String label, Selection selection, Update update, Partition partition) {
        Arm(String label, Selection selection, Update update) {
            this(label, selection, update, Partition.CONTIGUOUS);
        }

        BlockCoordinateDescent create(SmoothObjective f, long seed) {
            return switch (partition) {
                case VARIABLE -> BlockCoordinateDescent.variableBlocks(f, BLOCK, selection, update);
                case SORTED -> new BlockCoordinateDescent(f, BlockCoordinateDescent.sortedByLipschitz(f, BLOCK), selection, update, new Random(seed));
                case CONTIGUOUS -> new BlockCoordinateDescent(f, BlockCoordinateDescent.contiguous(P, BLOCK), selection, update, new Random(seed));
            };
        }
    }

    static final int BLOCK = 5;
    static final List<Arm> ARMS = List.of(new Arm("Random, Lb", Selection.RANDOM, Update.LB), new Arm("Cyclic, Lb", Selection.CYCLIC, Update.LB),
            new Arm("GS, Lb", Selection.GS, Update.LB), new Arm("GSL, Lb", Selection.GSL, Update.LB), new Arm("GSD, Lb", Selection.GSD, Update.LB),
            new Arm("Random, Hb", Selection.RANDOM, Update.HB), new Arm("Cyclic, Hb", Selection.CYCLIC, Update.HB), new Arm("GS, Hb", Selection.GS, Update.HB),
            new Arm("GSQ, Hb", Selection.GSQ, Update.HB), new Arm("GS, Lb, sorted blocks", Selection.GS, Update.LB, Partition.SORTED),
            new Arm("GS, Lb, variable blocks", Selection.GS, Update.LB, Partition.VARIABLE),
            new Arm("GSL, Lb, variable blocks", Selection.GSL, Update.LB, Partition.VARIABLE),
            new Arm("GS, Hb, variable blocks", Selection.GS, Update.HB, Partition.VARIABLE));
    static final int N = 300;
    static final int P = 100;
    static final int ITERATIONS = 300;

    private GreedyBcdLeastSquares() {
        super(new About(65, "greedy-bcd", "Greedy block coordinate descent: better rules and matrix updates",
                "Greedy block selection (Gauss–Southwell and its Lipschitz, diagonal and quadratic refinements) makes far more progress per"
                        + " iteration than random or cyclic selection, and matrix (Hb) block updates with greedy selection are dramatically faster"
                        + " than gradient updates; GSQ is the best matched rule for them.",
                "f(x) − f* after 300 iterations"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(3).length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: sparse least squares, n = 300, p = 100 (spec 65's scaled-down dataset A)", false);
        int[] seeds = f.seeds();
        double[][] gap = new double[ARMS.size()][seeds.length];
        int every = 30;
        double[][][] curves = new double[ARMS.size()][ITERATIONS / every + 1][seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            Random r = new Random(seeds[s]);
            double[] scale = new double[P];
            for (int j = 0; j < P; j++) {
                scale[j] = 10 * r.nextGaussian();
            }
            double keep = 10 * Math.log(N) / N;
            double[][] a = new double[N][P];
            for (double[] row : a) {
                for (int j = 0; j < P; j++) {
                    double v = (r.nextGaussian() + 1) * scale[j];
                    row[j] = r.nextDouble() < keep ? v : 0;
                }
            }
            double[] w = new double[P];
            for (int j = 0; j < P; j++) {
                double v = r.nextGaussian();
                w[j] = r.nextDouble() < 0.1 ? v : 0;
            }
            double[] b = new double[N];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < P; j++) {
                    b[i] += a[i][j] * w[j];
                }
                b[i] += r.nextGaussian();
            }
            SmoothObjective ls = SmoothObjective.leastSquares(a, b);
            double fStar = ls.value(leastSquaresSolution(a, b));
            for (int k = 0; k < ARMS.size(); k++) {
                Arm arm = ARMS.get(k);
                BlockCoordinateDescent bcd = arm.create(ls, seeds[s] + 100);
                double[] x = new double[P];
                curves[k][0][s] = Math.log10(Math.max(ls.value(x) - fStar, 1e-300));
                for (int t = 1; t <= ITERATIONS; t++) {
                    bcd.step(x);
                    if (t % every == 0) {
                        curves[k][t / every][s] = Math.log10(Math.max(ls.value(x) - fStar, 1e-300));
                    }
                }
                gap[k][s] = Math.max(ls.value(x) - fStar, 0);
            }
            f.step("seed " + seeds[s]);
        }
        for (int k = 0; k < ARMS.size(); k++) {
            f.record(ARMS.get(k).label() + ": f − f*", gap[k]);
        }
        double worstRandomCyclic = Math.min(Stats.mean(gap[0]), Stats.mean(gap[1]));
        f.check(Check.atMost("Lb: GS / min(Random, Cyclic) (spec: ≤ 1/5)", Stats.mean(gap[2]) / worstRandomCyclic, 0.2));
        f.check(Check.atMost("Lb: GSL / min(Random, Cyclic) (spec: ≤ 1/5)", Stats.mean(gap[3]) / worstRandomCyclic, 0.2));
        f.check(Check.atMost("Lb: GSL / GS (spec: ≤ 1.05)", Stats.mean(gap[3]) / Stats.mean(gap[2]), 1.05));
        f.check(Check.atMost("GS: Hb / Lb (spec: ≤ 1e-2)", Stats.mean(gap[7]) / Stats.mean(gap[2]), 1e-2));
        double worst = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < seeds.length; s++) {
            worst = Math.max(worst, gap[8][s] - gap[7][s]);
        }
        f.check(Check.atMost("Hb: max over seeds of GSQ − GS (spec: ≤ 0 on every seed)", worst, 0));
        List<String> labels = new ArrayList<>();
        ARMS.forEach(arm -> labels.add(arm.label()));
        double[][] logGap = new double[ARMS.size()][seeds.length];
        for (int k = 0; k < ARMS.size(); k++) {
            for (int s = 0; s < seeds.length; s++) {
                logGap[k][s] = Math.log10(Math.max(gap[k][s], 1e-300));
            }
        }
        f.plot(Plot.bars("final-gap.png", "Least squares, blocks of 5: log₁₀(f − f*) after 300 iterations", "rule, update", "log₁₀(f(x) − f*)", labels)
                .series("log gap", logGap).freeY().build());
        List<String> xs = new ArrayList<>();
        for (int t = 0; t <= ITERATIONS; t += every) {
            xs.add(Integer.toString(t));
        }
        Plot.Builder lines = Plot.lines("convergence.png", "log₁₀(f − f*) during block coordinate descent", "iteration", "log₁₀(f(x) − f*)", xs).freeY();
        for (int k = 0; k < ARMS.size(); k++) {
            lines.series(ARMS.get(k).label(), curves[k]);
        }
        f.plot(lines.build());
        MarkdownTable table = new MarkdownTable("rule, update", "f − f* per seed", "spec 65 (NumPy, 3 seeds)");
        String[] spec = {"1.70e3 / 3.53e2 / 9.65e1", "1.21e3 / 3.08e2 / 9.91e1", "38.3 / 56.2 / 16.1", "37.3 / 46.6 / 11.7", "35.0 / 44.8 / 11.4",
            "22.5 / 4.44 / 1.41", "13.3 / 46.1 / 10.9", "2.77e-3 / 2.44e-3 / 3.80e-5", "3.92e-5 / 2.55e-5 / 1.18e-5", "—", "—", "—", "—"};
        for (int k = 0; k < ARMS.size(); k++) {
            StringBuilder per = new StringBuilder();
            for (int s = 0; s < seeds.length; s++) {
                per.append(s == 0 ? "" : " / ").append(String.format("%.3g", gap[k][s]));
            }
            table.row(ARMS.get(k).label(), per, spec[k]);
        }
        f.table(table);
        f.note(String.format("Partitions (not asserted: spec 65 gives no laptop numbers or thresholds for them), means over seeds of f − f*:"
                + " GS with Lb %.3g (contiguous) vs %.3g (sorted by L_i: %s) vs %.3g (variable: %s); GSL with Lb %.3g vs %.3g (variable: %s);"
                + " GS with Hb %.3g vs %.3g (variable: %s). The paper claims variable blocks beat fixed blocks and sorting helps fixed blocks.",
                Stats.mean(gap[2]), Stats.mean(gap[9]), better(gap[9], gap[2]), Stats.mean(gap[10]), better(gap[10], gap[2]),
                Stats.mean(gap[3]), Stats.mean(gap[11]), better(gap[11], gap[3]), Stats.mean(gap[7]), Stats.mean(gap[12]), better(gap[12], gap[7])));
        f.note("The data generator follows the spec's description of the official dataset A, drawn with Java's generator, so values differ"
                + " from the spec's NumPy ones; the thresholds are the spec's.");
        return f.result();
    }

    /** Whether the arm with gaps {@code a} ends closer to f* than {@code b} on average. */
    private static String better(double[] a, double[] b) {
        return Stats.mean(a) < Stats.mean(b) ? "better" : "not better";
    }

    /** argmin ½‖Ax − b‖² by the pseudo-inverse (A may be rank deficient). */
    static double[] leastSquaresSolution(double[][] a, double[] b) {
        DMatrixRMaj am = new DMatrixRMaj(a);
        DMatrixRMaj pinv = new DMatrixRMaj(a[0].length, a.length);
        CommonOps_DDRM.pinv(am, pinv);
        DMatrixRMaj x = new DMatrixRMaj(a[0].length, 1);
        CommonOps_DDRM.mult(pinv, new DMatrixRMaj(b.length, 1, true, b), x);
        return x.getData();
    }
}
