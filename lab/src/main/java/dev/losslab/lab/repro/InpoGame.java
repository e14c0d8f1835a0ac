package dev.losslab.lab.repro;

import dev.losslab.core.preference.Inpo;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.preference.PreferenceGame;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Paper 53 (INPO): spec 53's three-response cyclic preference game (0 ≻ 1 ≻ 2 ≻ 0), uniform
 * reference, τ = 0.1, start π_0 = (0.8, 0.1, 0.1). Checks (spec 53): the regularised Nash policy
 * matches the spec's (0.3923403705, 0.2249974724, 0.382662157); exact OMD with η = 1 is within TV
 * 1e-3 of it after 200 iterations with exploitability below 0.02; the pure best response cycles
 * (each strategy at least twice in 6 steps); INPO's loss-based step (40,000 on-policy pairs fitted
 * through the registered {@code inpo} loss) is within TV 0.01 of the exact OMD target, and 30
 * loss-based iterations end within TV 0.05 of the regularised Nash policy, on every seed.
 */
public final class InpoGame extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new InpoGame();

    static final double[][] P = {{0.5, 0.9, 0.3}, {0.1, 0.5, 0.8}, {0.7, 0.2, 0.5}};
    static final double[] START = {0.8, 0.1, 0.1};
    static final double[] SPEC_NASH = {0.3923403705, 0.2249974724, 0.382662157};
    static final int LOSS_ITERATIONS = 30;
    static final int PAIRS = 40_000;

    private InpoGame() {
        super(new About(53, "inpo-game", "INPO on a cyclic three-response preference game",
                "Online mirror descent on the KL-regularised preference game converges to its Nash policy where best responses cycle,"
                        + " and INPO's squared loss on sampled on-policy pairs reproduces each mirror-descent step without estimating win rates.",
                "total-variation distance to the regularised Nash policy"));
    }

    /** The spec's protocol takes seconds. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return 1 + o.seedList(3).length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: three-response cyclic preference game (the spec's own task)", false);
        int[] seeds = f.seeds();
        PreferenceGame game = new PreferenceGame(P, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, 0.1);
        double[] nash = game.regularisedNash();
        f.check(Check.atMost("regularised Nash policy: TV to spec 53's", PreferenceGame.tv(nash, SPEC_NASH), 1e-8));
        List<String> xs = new ArrayList<>();
        for (int t = 0; t <= 200; t += 10) {
            xs.add(Integer.toString(t));
        }
        double[][] exact = new double[xs.size()][1];
        double[][] slow = new double[xs.size()][1];
        double[] pi = START.clone();
        double[] piSlow = START.clone();
        for (int t = 0; t <= 200; t++) {
            if (t % 10 == 0) {
                exact[t / 10][0] = PreferenceGame.tv(pi, nash);
                slow[t / 10][0] = PreferenceGame.tv(piSlow, nash);
            }
            if (t < 200) {
                pi = game.omdStep(pi, 1.0);
                piSlow = game.omdStep(piSlow, 0.2);
            }
        }
        f.record("exact OMD η=1: TV to Nash at 200", new double[] {PreferenceGame.tv(pi, nash)});
        f.check(Check.atMost("exact OMD (η = 1), 200 iterations: TV to the regularised Nash", PreferenceGame.tv(pi, nash), 1e-3));
        f.check(Check.atMost("exact OMD (η = 1), 200 iterations: exploitability (start " + String.format("%.2f", game.exploitability(START)) + ")",
                game.exploitability(pi), 0.02));
        int[] visits = new int[3];
        double[] br = START.clone();
        StringBuilder path = new StringBuilder();
        for (int t = 0; t < 6; t++) {
            int y = game.bestResponse(br);
            visits[y]++;
            path.append(path.length() == 0 ? "" : " → ").append(y);
            br = new double[3];
            br[y] = 1;
        }
        f.check(Check.atLeast("best response, 6 steps: fewest visits of a pure strategy", java.util.Arrays.stream(visits).min().orElse(0), 2));
        f.step("exact dynamics");
        double[] firstStep = new double[seeds.length];
        double[] last = new double[seeds.length];
        double[][] sampled = new double[LOSS_ITERATIONS + 1][seeds.length];
        Inpo loss = new Inpo(1.0, 0.1);
        for (int s = 0; s < seeds.length; s++) {
            Random r = new Random(seeds[s]);
            double[] q = START.clone();
            sampled[0][s] = PreferenceGame.tv(q, nash);
            for (int it = 1; it <= LOSS_ITERATIONS; it++) {
                double[] target = game.omdStep(q, 1.0);
                q = game.lossBasedStep(q, loss, PAIRS, r);
                if (it == 1) {
                    firstStep[s] = PreferenceGame.tv(q, target);
                }
                sampled[it][s] = PreferenceGame.tv(q, nash);
            }
            last[s] = PreferenceGame.tv(q, nash);
            f.step("loss-based INPO");
        }
        f.record("loss-based step 1: TV to the exact OMD target", firstStep);
        f.record("loss-based, 30 iterations: TV to Nash", last);
        f.check(Check.atMost("loss-based step from π_0 (40,000 pairs): TV to the exact OMD target (worst seed)", Stats.max(firstStep), 0.01));
        f.check(Check.atMost("30 loss-based iterations: TV to the regularised Nash (worst seed)", Stats.max(last), 0.05));
        List<String> its = new ArrayList<>();
        for (int it = 0; it <= LOSS_ITERATIONS; it++) {
            its.add(Integer.toString(it));
        }
        f.plot(Plot.lines("exact-omd.png", "Exact online mirror descent from (0.8, 0.1, 0.1)", "iteration", "TV distance to the regularised Nash (probability)", xs)
                .series("η = 1", exact).series("η = 0.2", slow).build());
        f.plot(Plot.lines("loss-based-inpo.png", "INPO's loss-based iterations (40,000 sampled pairs each, η = 1)", "iteration",
                "TV distance to the regularised Nash (probability)", its).series("INPO", sampled).build());
        f.table(String.format("Regularised Nash (τ = 0.1): (%.10f, %.10f, %.10f); spec 53: (0.3923403705, 0.2249974724, 0.382662157).%n%n"
                + "Exact OMD, η = 1: TV %.2e after 200 iterations; exploitability %.4f (start %.2f). Best response from π_0: %s.%n%n"
                + "Loss-based INPO per seed %s: first-step TV to the OMD target %s; TV to Nash after 30 iterations %s.%n",
                nash[0], nash[1], nash[2], PreferenceGame.tv(pi, nash), game.exploitability(pi), game.exploitability(START), path,
                java.util.Arrays.toString(seeds), fmt(firstStep), fmt(last)));
        f.note("Game of spec 53: P = [[0.5, 0.9, 0.3], [0.1, 0.5, 0.8], [0.7, 0.2, 0.5]] (row beats column), uniform reference, τ = 0.1.");
        f.note("Loss-based step: 40,000 pairs y, y′ ~ π_t (ties dropped) ordered by Bernoulli(P[y][y′]); tabular logits fitted by L-BFGS"
                + " (gradient norm ≤ 1e-10) on the mean of LossLab's registered inpo loss (η = 1, τ = 0.1) from log π_t; java.util.Random per seed.");
        return f.result();
    }

    private static String fmt(double[] v) {
        return java.util.Arrays.toString(java.util.Arrays.stream(v).mapToObj(x -> String.format("%.4f", x)).toArray());
    }
}
