package dev.losslab.lab.repro;

import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.RobustDpo;
import dev.losslab.lab.lm.SyntheticText;
import dev.losslab.lab.lm.TinyLmAlignment;
import dev.losslab.lab.lm.TinyLmAlignment.Arm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The language-model part of paper 12's reproduction: {@link TinyLmAlignment} on the first 300,000
 * characters of tinyshakespeare (or {@link SyntheticText} when it is absent) with three arms from
 * the same SFT model and the same pairs: DPO on clean labels, DPO with 30% of the labels flipped,
 * and rDPO (ε = 0.3) on the same flipped labels. Checks (issue 10's end-to-end claim, means over the
 * run's seeds): DPO on clean labels raises the true reward over the SFT model; rDPO beats DPO at 30%
 * flips.
 */
final class TinyLmRobustAlignment {
    static final String CORPUS = "text/tinyshakespeare/input.txt";
    static final TinyLmAlignment.Settings SETTINGS = new TinyLmAlignment.Settings(8, new int[] {128, 128}, 1500, 256, 3e-3, 1024, 16, 24, 4, 64, 1e-3, 512);
    static final String[] ARMS = {"DPO, clean labels", "DPO, 30% flipped", "rDPO ε = 0.3, 30% flipped"};

    private TinyLmRobustAlignment() {}

    /** The corpus's description for the report. */
    static String source(ReproOptions o) {
        return o.data().find(CORPUS).isPresent() ? "tiny LM on tinyshakespeare (first 300,000 characters)"
                : "tiny LM on a synthetic 300,000-character word-list text (tinyshakespeare not found)";
    }

    static void run(Findings f, ReproOptions o) {
        Optional<Path> file = o.data().find(CORPUS);
        String text;
        try {
            text = file.isPresent() ? Files.readString(file.get()).substring(0, 300_000) : SyntheticText.generate(300_000, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Arm> arms = List.of(new Arm(ARMS[0], new Dpo(0.1), 0), new Arm(ARMS[1], new Dpo(0.1), 0.3), new Arm(ARMS[2], new RobustDpo(0.1, 0.3), 0.3));
        int[] seeds = f.seeds();
        double[][] reward = new double[ARMS.length + 1][seeds.length];
        double[][] kl = new double[ARMS.length][seeds.length];
        MarkdownTable table = new MarkdownTable("seed", "SFT held-out CE (nats)", "pairs", "SFT reward", ARMS[0], ARMS[1], ARMS[2], "KL " + ARMS[0], "KL " + ARMS[1],
                "KL " + ARMS[2]);
        for (int s = 0; s < seeds.length; s++) {
            TinyLmAlignment.Result r = new TinyLmAlignment(SETTINGS).run(text, arms, seeds[s], x -> {});
            reward[0][s] = r.sftReward();
            for (int a = 0; a < ARMS.length; a++) {
                reward[a + 1][s] = r.reward()[a];
                kl[a][s] = r.kl()[a];
            }
            table.row(List.of(seeds[s], MarkdownTable.f3(r.sftCrossEntropy()), r.pairs(), MarkdownTable.f3(r.sftReward()), MarkdownTable.f3(r.reward()[0]),
                    MarkdownTable.f3(r.reward()[1]), MarkdownTable.f3(r.reward()[2]), MarkdownTable.f3(r.kl()[0]), MarkdownTable.f3(r.kl()[1]),
                    MarkdownTable.f3(r.kl()[2])));
            f.step("tiny LM seed " + seeds[s]);
        }
        f.record("tiny LM: SFT true reward", reward[0]);
        for (int a = 0; a < ARMS.length; a++) {
            f.record("tiny LM: " + ARMS[a] + " true reward", reward[a + 1]);
            f.record("tiny LM: " + ARMS[a] + " KL to the reference", kl[a]);
        }
        f.check(Check.atLeast("tiny LM: DPO (clean labels) − SFT true reward (mean; more than 0)", Stats.mean(reward[1]) - Stats.mean(reward[0]), 0));
        f.check(Check.atLeast("tiny LM, 30% flipped labels: rDPO − DPO true reward (mean; more than 0)", Stats.mean(reward[3]) - Stats.mean(reward[2]), 0));
        f.plot(Plot.bars("tiny-lm-reward.png", "Tiny character LM: true reward of 512 held-out completions", "model", "vowel share of the completion's letters",
                List.of("SFT", ARMS[0], ARMS[1], ARMS[2])).series("true reward", reward).build());
        f.plot(Plot.bars("tiny-lm-kl.png", "Tiny character LM: KL to the SFT reference", "model", "mean log π(y) − log π_ref(y) (nats per completion)",
                List.of(ARMS)).series("KL estimate", kl).build());
        f.table("Tiny language model (" + source(o) + "), per seed:\n\n" + table + "\n");
        f.note("Tiny LM: a character MLP (8 characters of context, one-hot, tanh 128-128, LossLab's CharLm) trained by SFT (1,500 Adam steps of"
                + " 256 positions, lr 3e-3, cross-entropy) on 90% of the text; 1,024 prompts of 16 characters, two 24-character completions each"
                + " sampled from the SFT model (temperature 1), labelled by the true reward (share of vowels among the letters; ties dropped); 30%"
                + " of the labels flipped for the noisy arms (the same pairs for DPO and rDPO). Each arm trains a copy of the SFT model through"
                + " LossLab's training path (4 epochs, batch 64, Adam lr 1e-3, β = 0.1, reference log-probs precomputed) and is evaluated on 512"
                + " held-out prompts with the same sampling seed.");
        f.note("The rDPO arm also moves further from the reference (larger KL estimate) than DPO on the same flipped labels: at equal epochs its"
                + " de-biased loss keeps a stronger gradient, so part of its gain may come from moving further rather than from de-biasing alone.");
    }

    static int workUnits(ReproOptions o, int defaultSeeds) {
        return o.seedList(defaultSeeds).length;
    }
}
