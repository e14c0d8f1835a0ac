package dev.losslab.lab.repro;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.BcoPair;
import dev.losslab.core.preference.ConservativeDpo;
import dev.losslab.core.preference.Divergence;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.logic.Formula;
import dev.losslab.core.preference.logic.SemanticLoss;
import dev.losslab.core.preference.logic.SemanticPreference;
import dev.losslab.core.registry.Registered;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.preference.LogLinearBtlBandit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Paper 56 (the logic of direct preference alignment): spec 56's laptop protocol, which is property
 * checking, not training to an accuracy. (1) The catalog of TRL loss types reproduces spec 56's
 * worked example to 1e-9; (2) over 1,000 random (log-probs, β) draws the semantic loss of the
 * structure (M_w ∧ ¬M_l | exactly-one) equals DPO, its unconditioned form bco_pair, its ε-mixture
 * with the mirror cDPO, and with p = exp(average log-prob) its probability is ORPO's σ(log odds), all
 * to 1e-10; (3) of the 240 pairs (F, C ≠ false) of two-proposition formulas exactly 4 give DPO's
 * probability on 20 random probes; (4) gradient descent with DPO and with the compiled structure
 * (log-linear policy, 8 actions, BTL pairs) follows the same trajectory to 1e-9 for 100 steps.
 */
public final class DpaLogicIdentities extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new DpaLogicIdentities();

    /** Spec 56's worked example: pc −10, pr −12, rc −11, rr −11.5, Lc 5, Lr 4, β 0.1, ε 0.1. */
    static final Map<String, Object[]> CATALOG = new LinkedHashMap<>();

    static {
        CATALOG.put("dpo", new Object[] {Map.of("beta", 0.1), 0.6209570478});
        CATALOG.put("cdpo", new Object[] {Map.of("beta", 0.1, "epsilon", 0.1), 0.6359570478});
        CATALOG.put("slic-hinge", new Object[] {Map.of("beta", 0.1), 0.85});
        CATALOG.put("ipo", new Object[] {Map.of("beta", 0.1), 21.855625});
        CATALOG.put("exo-pair", new Object[] {Map.of("beta", 0.1, "epsilon", 0.1), 0.4313884572});
        CATALOG.put("nca-pair", new Object[] {Map.of("beta", 0.1), 1.350824814});
        CATALOG.put("rdpo", new Object[] {Map.of("beta", 0.1, "epsilon", 0.1), 0.6022070478});
        CATALOG.put("bco-pair", new Object[] {Map.of("beta", 0.1), 1.312856308});
        CATALOG.put("sppo-hard", new Object[] {Map.of("beta", 0.1), 36.25});
        CATALOG.put("apo-zero", new Object[] {Map.of("beta", 0.1), 0.962523416});
        CATALOG.put("apo-down", new Object[] {Map.of("beta", 0.1), 0.9875493421});
        CATALOG.put("discopop", new Object[] {Map.of("beta", 0.1, "tau", 0.05), 0.8493375793});
        CATALOG.put("sigmoid-norm", new Object[] {Map.of("beta", 0.1), 0.677029206});
        CATALOG.put("cpo", new Object[] {Map.of("beta", 0.1, "cpo_alpha", 0.0), 0.5981388694});
        CATALOG.put("simpo", new Object[] {Map.of("beta", 0.1), 0.9130152524});
        CATALOG.put("orpo", new Object[] {Map.of("lambda", 0.1), 2.028875078});
    }

    static final Formula WIN = Formula.var(0, 2).and(Formula.var(1, 2).not());
    static final int STEPS = 100;

    private DpaLogicIdentities() {
        super(new About(56, "dpa-logic-identities", "Direct preference losses as semantic losses of preference structures",
                "Direct preference alignment losses decompile into symbolic preference structures: DPO, bco_pair, cDPO and ORPO's odds"
                        + " ratio are the semantic loss of one core formula (M_w ∧ ¬M_l) under different conditioning, mixing and score"
                        + " choices, and among two-proposition structures exactly four reproduce DPO.",
                "absolute differences between losses (identities), structure count"));
    }

    /** Property checks; there is nothing to shrink. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return 4;
    }


    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 3, progress).data("synthetic: spec 56's worked example and random draws (the spec's own protocol)", false);
        int[] seeds = f.seeds();
        Registry registry = Registry.defaults();
        MarkdownTable catalog = new MarkdownTable("loss", "spec 56", "LossLab", "abs. difference");
        double worstCatalog = 0;
        for (Map.Entry<String, Object[]> e : CATALOG.entrySet()) {
            @SuppressWarnings("unchecked")
            Objective loss = registry.objective(e.getKey(), (Map<String, Object>) e.getValue()[0]);
            double value = evaluate(loss, new double[] {-10}, new double[] {-12}, new double[] {-11}, new double[] {-11.5});
            double spec = (double) e.getValue()[1];
            worstCatalog = Math.max(worstCatalog, Math.abs(value - spec));
            catalog.row(e.getKey(), spec, String.format("%.10f", value), String.format("%.1e", Math.abs(value - spec)));
        }
        f.record("catalog: largest abs. difference from spec 56", new double[] {worstCatalog});
        f.check(Check.atMost("catalog of 16 TRL loss types: largest abs(LossLab − spec 56) on the worked example", worstCatalog, 1e-9));
        f.step("catalog");

        String[] identities = {"DPO = SL(M_w ∧ ¬M_l given exactly-one)", "bco_pair = SL(M_w ∧ ¬M_l)",
            "cDPO (ε 0.1) = 0.9·SL(F given C) + 0.1·SL(mirror F given C)", "ORPO's log σ(log odds) = log P(M_w ∧ ¬M_l given exactly-one), p = exp(avg log-prob)"};
        double[] worst = new double[4];
        for (int s = 0; s < seeds.length; s++) {
            double[] seedWorst = identityGaps(new Random(seeds[s]));
            for (int k = 0; k < identities.length; k++) {
                f.record("identity: " + identities[k], s, seedWorst[k]);
                worst[k] = Math.max(worst[k], seedWorst[k]);
            }
        }
        for (int k = 0; k < identities.length; k++) {
            f.check(Check.atMost("1,000 draws per seed: largest abs. difference in " + identities[k], worst[k], 1e-10));
        }
        f.step("identities");

        double[] counts = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            counts[s] = dpoStructures(new Random(seeds[s]));
        }
        f.record("structures reproducing DPO", counts);
        double count = java.util.Arrays.stream(counts).min().orElse(0);
        f.check(Check.atLeast("structures (F, C) reproducing DPO's probability: at least 4 (fewest over seeds)", count, 4));
        f.check(Check.atMost("structures (F, C) reproducing DPO's probability: at most 4 (most over seeds)", java.util.Arrays.stream(counts).max().orElse(0), 4));
        f.step("enumeration");

        double gap = 0;
        double[][] distance = null;
        double[][] distanceLogic = null;
        for (int s = 0; s < seeds.length; s++) {
            LogLinearBtlBandit bandit = LogLinearBtlBandit.draw(1, 8, 4, 2, 500, 1, 0, seeds[s]);
            double[][] viaCatalog = bandit.descend(new Dpo(1), STEPS, 0.5);
            double[][] viaLogic = bandit.descend(new SemanticPreference(1, WIN, Formula.exactlyOne(2), 0, Divergence.REVERSE_KL, 0.5), STEPS, 0.5);
            if (distance == null) {
                distance = new double[viaCatalog.length][seeds.length];
                distanceLogic = new double[viaCatalog.length][seeds.length];
            }
            double seedGap = 0;
            for (int t = 0; t < viaCatalog.length; t++) {
                for (int j = 0; j < viaCatalog[t].length; j++) {
                    seedGap = Math.max(seedGap, Math.abs(viaCatalog[t][j] - viaLogic[t][j]));
                }
                distance[t][s] = bandit.relativeError(viaCatalog[t]);
                distanceLogic[t][s] = bandit.relativeError(viaLogic[t]);
            }
            f.record("gradient descent: largest abs(θ_catalog − θ_structure)", s, seedGap);
            gap = Math.max(gap, seedGap);
        }
        f.check(Check.atMost("100 gradient-descent steps: largest abs(θ(dpo) − θ(semantic-preference)) over seeds", gap, 1e-9));
        f.step("training");

        List<String> steps = new ArrayList<>();
        for (int t = 0; t <= STEPS; t++) {
            steps.add(Integer.toString(t));
        }
        f.plot(Plot.lines("trajectories.png", "Gradient descent with dpo and with the compiled structure (log-linear bandit)", "step",
                "‖θ − θ*‖/‖θ*‖ (unitless)", steps).series("dpo (catalog)", distance).series("semantic-preference (M_w ∧ ¬M_l given exactly-one)",
                        distanceLogic).build());
        f.table("Spec 56's worked example (pc −10, pr −12, rc −11, rr −11.5, Lc 5, Lr 4, β 0.1, ε 0.1).\n\n" + catalog + "\n"
                + String.format("Identities over 1,000 random draws per seed, largest absolute differences: %.1e, %.1e, %.1e, %.1e. Structures"
                        + " reproducing DPO per seed: %s of 240. Largest trajectory gap over 100 steps: %.1e.%n", worst[0], worst[1], worst[2], worst[3],
                        java.util.Arrays.toString(java.util.Arrays.stream(counts).mapToInt(c -> (int) c).toArray()), gap));
        f.note("These are identity checks: they show that LossLab's catalog and its semantic-loss compiler agree with spec 56's derivations,"
                + " which is the paper's laptop-sized claim; the paper's empirical study of new losses (e.g. l_cCPO) is not reproduced (its"
                + " tables were not retrieved).");
        f.note("The catalog's inputs are the worked example's; losses that need token counts get chosen_lengths 5 and rejected_lengths 4;"
                + " ipo runs TRL's length-normalised default (21.855625), cpo with cpo_alpha 0.");
        f.note("Per seed " + java.util.Arrays.toString(seeds) + ": 1,000 random draws for the identities, 20 enumeration probes (p_w, p_l) in"
                + " (0.05, 0.95)² compared with σ(logit p_w − logit p_l) to 1e-12, and a LogLinearBtlBandit (1 state, 8 actions, d = 4,"
                + " 500 clean pairs, lr 0.5) for the trajectories.");
        return f.result();
    }

    /** Largest gaps of the four identities over 1,000 random (log-probs, β) draws. */
    static double[] identityGaps(Random r) {
        double[] worst = new double[4];
        for (int i = 0; i < 1000; i++) {
            double[] c = {-60 * r.nextDouble()};
            double[] rej = {-60 * r.nextDouble()};
            double[] rc = {-60 * r.nextDouble()};
            double[] rr = {-60 * r.nextDouble()};
            double beta = 0.01 + 2 * r.nextDouble();
            worst[0] = Math.max(worst[0], Math.abs(evaluate(new Dpo(beta), c, rej, rc, rr)
                    - evaluate(new SemanticPreference(beta, WIN, Formula.exactlyOne(2), 0, Divergence.REVERSE_KL, 0.5), c, rej, rc, rr)));
            worst[1] = Math.max(worst[1], Math.abs(evaluate(new BcoPair(beta, Divergence.REVERSE_KL, 0.5), c, rej, rc, rr)
                    - evaluate(new SemanticPreference(beta, WIN, Formula.constant(true, 2), 0, Divergence.REVERSE_KL, 0.5), c, rej, rc, rr)));
            worst[2] = Math.max(worst[2], Math.abs(evaluate(new ConservativeDpo(beta, 0.1), c, rej, rc, rr)
                    - evaluate(new SemanticPreference(beta, WIN, Formula.exactlyOne(2), 0.1, Divergence.REVERSE_KL, 0.5), c, rej, rc, rr)));
            worst[3] = Math.max(worst[3], orpoDifference(-3 * r.nextDouble() - 1e-3, -3 * r.nextDouble() - 1e-3));
        }
        return worst;
    }

    /** The loss's mean on one pair (with token counts 5 and 4 when the loss needs them). */
    static double evaluate(Objective loss, double[] c, double[] r, double[] rc, double[] rr) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> in = new LinkedHashMap<>();
            in.put(InputNames.POLICY_CHOSEN_LOGPS, m.create(c));
            in.put(InputNames.POLICY_REJECTED_LOGPS, m.create(r));
            in.put(InputNames.REF_CHOSEN_LOGPS, m.create(rc));
            in.put(InputNames.REF_REJECTED_LOGPS, m.create(rr));
            in.put(InputNames.CHOSEN_LENGTHS, m.create(new double[] {5}));
            in.put(InputNames.REJECTED_LENGTHS, m.create(new double[] {4}));
            return loss.perSample(Inputs.of(in)).mean().getDouble();
        }
    }

    /** |log σ(ORPO log odds) + SL(M_w ∧ ¬M_l | exactly-one)| with logits log(p/(1−p)), p = e^a. */
    static double orpoDifference(double aw, double al) {
        double logOdds = (aw - al) - (Math.log(-Math.expm1(aw)) - Math.log(-Math.expm1(al)));
        double orpo = -Math.log1p(Math.exp(-logOdds));
        try (NDManager m = NDManager.newBaseManager()) {
            double lw = aw - Math.log(-Math.expm1(aw));
            double ll = al - Math.log(-Math.expm1(al));
            double sl = SemanticLoss.of(WIN, Formula.exactlyOne(2), m.create(new double[][] {{lw, ll}})).getDouble(0);
            return Math.abs(orpo + sl);
        }
    }

    /** How many (F, C ≠ false) over (M_w, M_l) give σ(logit p_w − logit p_l) on 20 random probes. */
    static long dpoStructures(Random r) {
        double[][] probes = new double[20][];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = new double[] {0.05 + 0.9 * r.nextDouble(), 0.05 + 0.9 * r.nextDouble()};
        }
        long count = 0;
        for (long ft = 0; ft < 16; ft++) {
            for (long ct = 1; ct < 16; ct++) {
                Formula core = new Formula(2, ft);
                Formula cond = new Formula(2, ct);
                boolean all = !core.and(cond).isFalse();
                for (double[] p : probes) {
                    if (!all) {
                        break;
                    }
                    double dpo = 1 / (1 + Math.exp(-(Math.log(p[0] / (1 - p[0])) - Math.log(p[1] / (1 - p[1])))));
                    all = Math.abs(SemanticLoss.probability(core, cond, p) - dpo) <= 1e-12;
                }
                count += all ? 1 : 0;
            }
        }
        return count;
    }
}
