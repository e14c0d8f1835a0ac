package dev.losslab.lab.repro;

import dev.losslab.core.policy.Grpo;
import dev.losslab.core.policy.GrpoLossType;
import dev.losslab.core.policy.RtoTokenReward;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.policy.TokenMdpToy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Paper 63 (RTO): spec 63's token MDP (L = 10, V = 4). DPO stage: 300 pairs from π_ref labelled by
 * σ(5·ΔR), the registered {@code dpo} (β = 0.1), 400 full-batch steps of size 5. RL stage, identical
 * for every arm but the rewards: batches of 16, returns-to-go (γ = 1) centred per position, the
 * registered {@code grpo} policy loss on per-token advantages, step 0.5, 100 iterations; sparse
 * reward R(y) on the last token, or RTO's token rewards β₁·(log π_dpo − log π_ref) added
 * ({@link RtoTokenReward}, no clip, no KL). Checks (spec 63, means over seeds 0–5): at iteration 50
 * RTO (β₁ = 0.3) ≥ sparse + 0.3; RTO (β₁ = 0.1) above sparse at every logged iteration from 10; the
 * DPO token reward of the target token is positive at ≥ 80% of positions.
 */
public final class RtoTokenMdp extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new RtoTokenMdp();

    static final int ITERATIONS = 100;
    static final int EVERY = 10;
    static final double[] BETAS = {0.1, 0.3, 1.0};

    private RtoTokenMdp() {
        super(new About(63, "rto-token-mdp", "RTO: DPO token rewards make sparse-reward policy gradient fast",
                "Treating RLHF as a token-level MDP and rewarding every token with the DPO policy's log-ratio to the reference"
                        + " (then running the policy-gradient stage) learns far faster than rewarding only the finished sentence.",
                "expected true reward (mean over positions of π(target token))"));
    }

    /** The spec's protocol takes seconds. */
    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(6).length;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Findings f = start(o, 6, progress).data("synthetic: spec 63's token MDP (10 positions × 4 tokens; the spec's own task)", false);
        int[] seeds = f.seeds();
        int points = ITERATIONS / EVERY + 1;
        double[][] sparse = new double[points][seeds.length];
        double[][][] rto = new double[BETAS.length][points][seeds.length];
        double[] positive = new double[seeds.length];
        Dpo dpo = new Dpo(0.1);
        Grpo policyLoss = new Grpo(Grpo.Settings.of(GrpoLossType.GRPO, 0, 0.2));
        for (int s = 0; s < seeds.length; s++) {
            Random r = new Random(seeds[s]);
            TokenMdpToy toy = new TokenMdpToy(10, 4, r);
            double[][] dpoLogits = toy.fitDpo(dpo, 300, 5, 400, 5, r);
            positive[s] = toy.positiveTargetReward(dpoLogits);
            long rlSeed = seeds[s] * 7919L + 1;
            fill(sparse, s, toy.reinforce(policyLoss, new RtoTokenReward(0, 0, 0), dpoLogits, ITERATIONS, 16, 0.5, new Random(rlSeed)));
            for (int k = 0; k < BETAS.length; k++) {
                fill(rto[k], s, toy.reinforce(policyLoss, new RtoTokenReward(BETAS[k], 0, 0), dpoLogits, ITERATIONS, 16, 0.5, new Random(rlSeed)));
            }
            f.step("seed " + seeds[s]);
        }
        int at50 = 50 / EVERY;
        f.record("DPO: share of positions with a positive target-token reward", positive);
        f.record("sparse, iteration 50", sparse[at50]);
        f.record("RTO β₁ = 0.3, iteration 50", rto[1][at50]);
        f.record("sparse, iteration 100", sparse[points - 1]);
        f.record("RTO β₁ = 0.3, iteration 100", rto[1][points - 1]);
        f.check(Check.atLeast("DPO sanity: positions whose target token gets a positive DPO reward (mean share)", Stats.mean(positive), 0.8));
        f.check(Check.atLeast("iteration 50: RTO (β₁ = 0.3) − sparse (mean)", Stats.mean(rto[1][at50]) - Stats.mean(sparse[at50]), 0.3));
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 1; i < points; i++) {
            smallest = Math.min(smallest, Stats.mean(rto[0][i]) - Stats.mean(sparse[i]));
        }
        f.check(Check.atLeast("RTO (β₁ = 0.1) − sparse, smallest over iterations 10–100 (mean; spec: more than 0)", smallest, 0));
        List<String> xs = new ArrayList<>();
        for (int t = 0; t <= ITERATIONS; t += EVERY) {
            xs.add(Integer.toString(t));
        }
        Plot.Builder plot = Plot.lines("true-reward.png", "Policy gradient from π_ref: sparse vs RTO token rewards", "iteration",
                "expected true reward", xs).series("sparse (R on the last token)", sparse);
        for (int k = 0; k < BETAS.length; k++) {
            plot.series("RTO β₁ = " + BETAS[k], rto[k]);
        }
        f.plot(plot.build());
        StringBuilder table = new StringBuilder("| iteration | sparse | RTO β₁ = 0.1 | RTO β₁ = 0.3 | RTO β₁ = 1.0 |\n|---|---|---|---|---|\n");
        for (int i : new int[] {0, 1, 5, 10}) {
            table.append(String.format("| %d | %.3f | %.3f | %.3f | %.3f |%n", i * EVERY, Stats.mean(sparse[i]), Stats.mean(rto[0][i]),
                    Stats.mean(rto[1][i]), Stats.mean(rto[2][i])));
        }
        table.append(String.format("%nMeans over seeds %s. Spec 63's NumPy means (iterations 0/10/50/100): sparse 0.258 / 0.282 / 0.388 / 0.542;"
                + " RTO β₁ = 0.3 0.258 / 0.609 / 0.852 / 0.881 (β₁ = 0.1: 0.403 at 10, 0.761 at 50; β₁ = 1.0: 0.786 at 10).%n",
                java.util.Arrays.toString(seeds)));
        f.table(table.toString());
        f.note("Toy and both stages as spec 63 describes, drawn per seed with java.util.Random (the spec's NumPy draws differ). DPO: the registered dpo"
                + " loss (β = 0.1) on summed sequence log-probs, its autograd gradient chained to the tabular logits.");
        f.note("RL stage: token rewards from RtoTokenReward (β₁ = 0 is the sparse arm; no clip, no KL, R(y) as the last-token score),"
                + " returns-to-go from GeneralizedAdvantageEstimate (γ = 1, λ = 1, zero values), centred per position over the batch; the registered grpo"
                + " loss (loss_type grpo, on-policy, per-token advantages) gives −A/(B·L) per token, chained to the logits with step 0.5·L.");
        f.note("Every arm starts from π_ref and samples with the same seed; only the rewards differ. The paper's PPO with a critic and its LLM results"
                + " (AlpacaEval 2, Arena-Hard) are not reproduced.");
        return f.result();
    }

    private static void fill(double[][] series, int seed, double[] curve) {
        for (int i = 0; i < series.length; i++) {
            series[i][seed] = curve[i * EVERY];
        }
    }
}
