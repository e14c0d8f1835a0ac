package dev.losslab.lab.repro;

import dev.losslab.core.Objective;
import dev.losslab.core.preference.Bco;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.Kto;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.preference.TabularPreferenceBandit;
import dev.losslab.lab.preference.TabularPreferenceBandit.View;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Paper 42 (BCO): spec 42's tabular contextual bandit. 20 prompts × 10 responses, r* ~ N(0, 1),
 * 2,000 BTL pairs; 4,000 SGD steps of 64 pairs, lr 30, β = 0.1, for DPO (paired), BCO (running-mean
 * reward shift), BCO with δ = 0 and KTO (KL from the batch with completions rolled by one). Checks
 * (spec 42, means over seeds 0–4): improvement(BCO) &gt; improvement(BCO, δ = 0) + 0.03;
 * improvement(BCO) ≥ 0.6 × improvement(DPO); every method &gt; 0.5. BCO vs KTO is not asserted.
 */
public final class BcoBandit extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new BcoBandit();

    record Method(Supplier<Objective> loss, View view) {}

    static final Map<String, Method> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("DPO", new Method(() -> new Dpo(0.1), View.PAIRED));
        METHODS.put("BCO", new Method(() -> new Bco(0.1, true), View.UNPAIRED));
        METHODS.put("BCO δ=0", new Method(() -> new Bco(0.1, false), View.UNPAIRED));
        METHODS.put("KTO", new Method(() -> new Kto(0.1, 1, 1), View.UNPAIRED_WITH_KL));
    }

    static final int STEPS = 4000;

    private BcoBandit() {
        super(new About(42, "bco-bandit", "BCO's reward shift on a tabular preference bandit",
                "Training a binary classifier on unpaired thumbs-up/down data, with the implicit reward as its logit, aligns the policy"
                        + " nearly as well as DPO on the paired data; shifting the logit by the running mean reward (BCO) beats the unshifted"
                        + " classifier.",
                "normalised improvement (V(π) − mean r*)/(max r* − mean r*)"));
    }

    /** The spec's protocol takes seconds. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return METHODS.size() * o.seedList(5).length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 5, progress).data("synthetic: tabular preference bandit (the spec's own task)", false);
        int[] seeds = f.seeds();
        for (Map.Entry<String, Method> method : METHODS.entrySet()) {
            f.measure(method.getKey(), seed -> {
                TabularPreferenceBandit bandit = TabularPreferenceBandit.draw(20, 10, 2000, seed);
                double[][] theta = bandit.train(method.getValue().loss().get(), method.getValue().view(), STEPS, 64, 30, seed + 1000L);
                return bandit.normalisedImprovement(theta);
            });
        }
        double bco = f.mean("BCO");
        f.check(Check.atLeast("improvement: BCO ≥ BCO (δ = 0) + 0.03", bco, f.mean("BCO δ=0") + 0.03));
        f.check(Check.atLeast("improvement: BCO ≥ 0.6 × DPO", bco, 0.6 * f.mean("DPO")));
        for (String m : METHODS.keySet()) {
            f.check(Check.atLeast("improvement of " + m, f.mean(m), 0.5));
        }
        MarkdownTable table = new MarkdownTable("method", "normalised improvement (mean)", "per seed");
        Plot.Builder plot = Plot.bars("improvement.png", "Policy improvement after 4,000 SGD steps", "method",
                "normalised improvement (fraction of the best response's gain)", List.of("after training"));
        for (String m : METHODS.keySet()) {
            table.row(m, MarkdownTable.f3(f.mean(m)), java.util.Arrays.toString(java.util.Arrays.stream(f.values(m)).mapToObj(MarkdownTable::f3).toArray()));
            plot.series(m, new double[][] {f.values(m)});
        }
        f.table("Seeds " + java.util.Arrays.toString(seeds) + " (bandit and minibatch order per seed).\n\n" + table + "\n");
        f.plot(plot.build());
        f.note("Spec 42's bandit: 20 prompts × 10 responses, r* ~ N(0, 1), uniform reference, 2,000 BTL pairs, minibatches of 64 pairs drawn"
                + " with replacement; every method uses LossLab's registered loss (dpo, bco with reward_shift true/false, kto) through"
                + " autograd, the same steps, learning rate and minibatches. java.util.Random draws, so values differ from the spec's numpy"
                + " run (DPO 0.885, BCO 0.727, BCO δ=0 0.630, KTO 0.809).");
        f.note("BCO and KTO see each minibatch unpaired: winners desirable, losers undesirable; KTO's KL pairs are the 128 examples' prompts"
                + " with the completions rolled by one. One BCO instance per run, so its running-mean shift is updated once per step.");
        return f.result();
    }
}
