package dev.losslab.lab.repro;

import dev.losslab.core.Objective;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.Rpo;
import dev.losslab.core.preference.Rpo.SftNormalization;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.preference.OveroptimizationBandit;
import dev.losslab.lab.preference.OveroptimizationBandit.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Paper 43 (RPO): spec 43's toy over-optimisation problem. d = 4, 10 in-distribution and 30 OOD
 * responses, 300 in-distribution pairs, full-batch gradient descent (lr 0.5, 3,000 steps, β = 0.1)
 * with DPO and with RPO (sum form, η = 0.5; η = 2 shown). Checks (spec 43, means over seeds 0–4,
 * final step): OOD mass(DPO) &gt; 0.9; OOD mass(RPO) &lt; 0.5; true reward(RPO) &gt; true reward(DPO) + 1;
 * mean chosen log-prob(RPO) &gt; DPO's + 10; DPO lowers the chosen log-prob over training.
 */
public final class RpoOveroptimization extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new RpoOveroptimization();

    static final int STEPS = 3000;
    static final int EVERY = 100;
    static final Map<String, Supplier<Objective>> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("DPO", () -> new Dpo(0.1));
        RUNS.put("RPO η=0.5", () -> new Rpo(0.1, 0.5, SftNormalization.SUM));
        RUNS.put("RPO η=2", () -> new Rpo(0.1, 2.0, SftNormalization.SUM));
    }

    private RpoOveroptimization() {
        super(new About(43, "rpo-overoptimization", "RPO against over-optimisation (toy log-linear policy)",
                "DPO, trained on in-distribution pairs only, lowers the chosen responses' likelihood and moves the policy's mass to"
                        + " unsupported (OOD) responses that a linear reward over-rates; adding the SFT loss on the chosen responses (RPO)"
                        + " keeps the mass in distribution and earns a higher true reward.",
                "OOD mass, true reward, mean chosen log-prob"));
    }

    /** The spec's protocol is already CI-sized. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return RUNS.size() * o.seedList(5).length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 5, progress).data("synthetic: toy over-optimisation bandit (the spec's own task)", false);
        int[] seeds = f.seeds();
        int points = STEPS / EVERY + 1;
        Map<String, double[][][]> curves = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Objective>> run : RUNS.entrySet()) {
            double[][][] c = new double[3][points][seeds.length];
            for (int s = 0; s < seeds.length; s++) {
                OveroptimizationBandit bandit = OveroptimizationBandit.draw(4, 10, 30, 300, seeds[s]);
                Snapshot[] trace = bandit.train(run.getValue().get(), STEPS, 0.5, EVERY);
                for (int i = 0; i < points; i++) {
                    c[0][i][s] = trace[i].chosenLogProb();
                    c[1][i][s] = trace[i].oodMass();
                    c[2][i][s] = trace[i].trueReward();
                }
                Snapshot last = trace[points - 1];
                f.record(ReproResult.key(run.getKey(), "OOD mass"), s, last.oodMass());
                f.record(ReproResult.key(run.getKey(), "true reward"), s, last.trueReward());
                f.record(ReproResult.key(run.getKey(), "mean chosen log-prob"), s, last.chosenLogProb());
                f.record(ReproResult.key(run.getKey(), "chosen log-prob change"), s, last.chosenLogProb() - trace[0].chosenLogProb());
                f.step(run.getKey());
            }
            curves.put(run.getKey(), c);
        }
        String rpo = "RPO η=0.5";
        f.check(Check.atLeast("OOD mass of DPO", f.mean(ReproResult.key("DPO", "OOD mass")), 0.9));
        f.check(Check.atMost("OOD mass of RPO (η = 0.5)", f.mean(ReproResult.key(rpo, "OOD mass")), 0.5));
        f.check(Check.atLeast("true reward: RPO ≥ DPO + 1", f.mean(ReproResult.key(rpo, "true reward")), f.mean(ReproResult.key("DPO", "true reward")) + 1));
        f.check(Check.atLeast("mean chosen log-prob: RPO ≥ DPO + 10", f.mean(ReproResult.key(rpo, "mean chosen log-prob")),
                f.mean(ReproResult.key("DPO", "mean chosen log-prob")) + 10));
        f.check(Check.atMost("DPO's change of the mean chosen log-prob over training", f.mean(ReproResult.key("DPO", "chosen log-prob change")), 0));
        MarkdownTable table = new MarkdownTable("run", "OOD mass", "true reward", "mean chosen log-prob");
        for (String run : RUNS.keySet()) {
            table.row(run, MarkdownTable.f3(f.mean(ReproResult.key(run, "OOD mass"))), MarkdownTable.f3(f.mean(ReproResult.key(run, "true reward"))),
                    MarkdownTable.f3(f.mean(ReproResult.key(run, "mean chosen log-prob"))));
        }
        f.table("Final step, means over seeds " + java.util.Arrays.toString(seeds) + ".\n\n" + table + "\n");
        List<String> xs = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            xs.add(Integer.toString(i * EVERY));
        }
        Plot.Builder chosen = Plot.lines("chosen-log-prob.png", "Mean log-probability of the chosen responses", "gradient step", "log π(y_w) (nats)", xs).freeY();
        Plot.Builder oodMass = Plot.lines("ood-mass.png", "Policy mass on out-of-distribution responses", "gradient step", "OOD mass (probability)", xs);
        Plot.Builder reward = Plot.lines("true-reward.png", "Expected true reward of the policy", "gradient step", "E_π[r*] (reward units)", xs).freeY();
        for (Map.Entry<String, double[][][]> c : curves.entrySet()) {
            chosen.series(c.getKey(), c.getValue()[0]);
            oodMass.series(c.getKey(), c.getValue()[1]);
            reward.series(c.getKey(), c.getValue()[2]);
        }
        f.plot(oodMass.build());
        f.plot(reward.build());
        f.plot(chosen.build());
        f.note("Toy of spec 43: w* ~ N(0, I_4) normalised; 10 in-distribution responses φ ~ N(0, I_4) (bias 0, true reward 2·w*ᵀφ) and 30 OOD"
                + " responses φ = 2.5·w* + 0.5·N(0, I_4) (bias −4, true reward −2); 300 pairs among in-distribution responses, BTL labels on"
                + " the true reward; java.util.Random draws (values differ from the spec's numpy run).");
        f.note("Both losses are LossLab's registered objectives (dpo, rpo with sft_normalization=sum); their autograd gradients with respect to"
                + " the pairs' log-probs are chained to θ through ∂log π(a)/∂θ = φ_a − E_π[φ]; same steps, learning rate and data for every run.");
        return f.result();
    }
}
