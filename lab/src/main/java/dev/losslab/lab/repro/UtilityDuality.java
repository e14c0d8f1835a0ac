package dev.losslab.lab.repro;

import dev.losslab.core.registry.Registered;
import dev.losslab.lab.utility.OrdinalUtility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Paper 35 (utility-probability duality), only the parts spec 35 can support (the paper's
 * utility → probability equation could not be retrieved, so its central experiment is not run):
 * (a) ordinal invariance — on random 100×10 score tables (N(0, 1)), argmax decisions are identical
 * under five strictly increasing transforms while softmax probabilities change; (b) stationarity of
 * softmax-MLE — a free score table trained by expected-gradient descent reaches softmax(u) = P_data
 * (L∞ ≤ 1e-6 within 2,000 steps), and per-sample SGD (lr 0.01, 20,000 samples) gets within 0.05.
 */
public final class UtilityDuality extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new UtilityDuality();

    static final double[] P_DATA = {0.4, 0.3, 0.15, 0.1, 0.05};
    static final Map<String, DoubleUnaryOperator> TRANSFORMS = new LinkedHashMap<>();

    static {
        TRANSFORMS.put("3t + 1", t -> 3 * t + 1);
        TRANSFORMS.put("exp", Math::exp);
        TRANSFORMS.put("t³ + t", t -> t * t * t + t);
        TRANSFORMS.put("softplus", t -> Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t))));
        TRANSFORMS.put("tanh", Math::tanh);
    }

    private UtilityDuality() {
        super(new About(35, "utility-probability-duality", "Softmax scores as ordinal utilities",
                "Softmax-MLE training drives the scores to a stationary point that encodes the data's preferences; argmax decisions depend"
                        + " only on the order of the scores (utility-compatible) while sampling and thresholds depend on their values (probability-compatible).",
                "decision changes / probability error").blockedBy("The paper's equation that turns learned utilities back into probabilities"
                        + " could not be retrieved (only the abstract is accessible), so its central experiment is not run; the checks below are"
                        + " properties, three of them mathematical identities that cannot fail on correct code."));
    }

    /** The spec's protocol is already CI-sized. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(3).length + 1;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: score tables (the spec's own checks)", false);
        int[] seeds = f.seeds();
        double[] mismatches = new double[TRANSFORMS.size()];
        double[] maxDelta = new double[TRANSFORMS.size()];
        Random r = new Random(0);
        double[][] scores = new double[100][10];
        for (double[] row : scores) {
            for (int j = 0; j < 10; j++) {
                row[j] = r.nextGaussian();
            }
        }
        int k = 0;
        for (DoubleUnaryOperator g : TRANSFORMS.values()) {
            for (double[] row : scores) {
                double[] t = java.util.Arrays.stream(row).map(g).toArray();
                mismatches[k] += OrdinalUtility.argmax(t) != OrdinalUtility.argmax(row) ? 1 : 0;
                double[] p = OrdinalUtility.softmax(row);
                double[] q = OrdinalUtility.softmax(t);
                for (int j = 0; j < p.length; j++) {
                    maxDelta[k] = Math.max(maxDelta[k], Math.abs(p[j] - q[j]));
                }
            }
            k++;
        }
        f.record("argmax changes (per transform)", mismatches);
        f.record("max |Δ softmax| (per transform)", maxDelta);
        f.step("ordinal invariance");
        double[] u = new double[P_DATA.length];
        int steps = 0;
        while (steps < 2000 && linf(OrdinalUtility.softmax(u), P_DATA) > 1e-6) {
            double[] d = OrdinalUtility.expectedUpdate(u, P_DATA);
            for (int i = 0; i < u.length; i++) {
                u[i] += 0.5 * d[i];
            }
            steps++;
        }
        double gdError = linf(OrdinalUtility.softmax(u), P_DATA);
        f.record("expected-gradient descent: steps to 1e-6", new double[] {steps});
        f.record("expected-gradient descent: final L∞ error", new double[] {gdError});
        double[] sgd = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            Random rng = new Random(seeds[s]);
            double[] w = new double[P_DATA.length];
            for (int n = 0; n < 20000; n++) {
                int y = OrdinalUtility.draw(P_DATA, rng);
                double[] p = OrdinalUtility.softmax(w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 0.01 * (p[i] - (i == y ? 1 : 0));
                }
            }
            sgd[s] = linf(OrdinalUtility.softmax(w), P_DATA);
            f.step("sgd seed " + seeds[s]);
        }
        f.record("per-sample SGD: final L∞ error", sgd);
        List<Check> checks = List.of(
                Check.atMost("argmax decisions changed by any transform", java.util.Arrays.stream(mismatches).sum(), 0),
                Check.atLeast("largest change of the softmax probabilities", java.util.Arrays.stream(maxDelta).max().orElse(0), 1e-3),
                Check.atMost("expected-gradient descent: L∞ error after ≤ 2,000 steps", gdError, 1e-6),
                Check.atMost("per-sample SGD: worst-seed L∞ error", java.util.Arrays.stream(sgd).max().orElse(1), 0.05));
        checks.forEach(f::check);
        StringBuilder table = new StringBuilder("| transform | argmax changes (of 100) | max abs change of softmax |\n|---|---|---|\n");
        List<String> names = new ArrayList<>(TRANSFORMS.keySet());
        for (int i = 0; i < names.size(); i++) {
            table.append(String.format("| %s | %.0f | %.3f |%n", names.get(i), mismatches[i], maxDelta[i]));
        }
        table.append(String.format("%nExpected-gradient descent reached L∞ %.1e in %d steps; per-sample SGD L∞ errors %s.%n", gdError, steps,
                java.util.Arrays.toString(java.util.Arrays.stream(sgd).map(v -> Math.round(v * 1e4) / 1e4).toArray())));
        double[][] changed = new double[names.size()][];
        double[][] delta = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            changed[i] = new double[] {mismatches[i]};
            delta[i] = new double[] {maxDelta[i]};
        }
        Plot decisions = Plot.bars("argmax-changes.png", "Argmax decisions changed by an increasing transform (of 100 rows)", "transform g",
                "rows whose argmax changed (count)", names).series("argmax changes", changed).build();
        Plot probabilities = Plot.bars("softmax-change.png", "Largest change of a softmax probability under the transform", "transform g",
                "max |softmax(g(s)) − softmax(s)| (probability)", names).series("max abs change", delta).build();
        List<String> notes = List.of(
                "BLOCKED PART: the paper's equation that turns learned utilities back into probabilities could not be retrieved (only the abstract"
                        + " is accessible), so its central experiment (probability-compatible decoding with the transformed estimates) is not run.",
                "What the checks can and cannot show: the first three are mathematical identities (an increasing map keeps the argmax"
                        + " and, unless it is a shift, moves the softmax; expected-gradient descent on a convex objective reaches its stationary"
                        + " point), so they cannot fail on correct code — they test LossLab's implementation, not the paper's claim. Only the"
                        + " per-sample SGD check is statistical. The verdict is therefore 'blocked, properties only', not a reproduction.",
                "Score tables: 100×10 draws of N(0, 1) (java.util.Random seed 0); P_data = [0.4, 0.3, 0.15, 0.1, 0.05]; expected-gradient step 0.5.");
        notes.forEach(f::note);
        f.table(table);
        f.plot(decisions);
        f.plot(probabilities);
        return f.result();
    }

    static double linf(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
