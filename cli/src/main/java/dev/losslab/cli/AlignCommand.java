package dev.losslab.cli;

import ai.djl.ndarray.NDManager;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import dev.losslab.lab.lm.CharLmTraining;
import dev.losslab.lab.lm.CharVocabulary;
import dev.losslab.lab.lm.PairsFile;
import dev.losslab.lab.lm.PreferencePairs;
import dev.losslab.lab.lm.PreferenceTrainer;
import dev.losslab.lab.lm.Sampler;
import dev.losslab.lab.model.CharLm;
import dev.losslab.lab.report.PlotRenderer;
import dev.losslab.lab.repro.Plot;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code losslab align}: SFT of a small character-level language model on the user's text (or a
 * saved model), then preference fine-tuning on the user's JSON-lines pairs with any registered
 * paired preference loss, the SFT model as the frozen reference. Writes both models, a report with
 * the loss, the implicit-reward accuracy and the KL to the reference per epoch (plotted), and
 * sample completions before and after.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Align a small character-level language model on your preference pairs (JSON lines: prompt, chosen, rejected).")
final class AlignCommand implements Callable<Integer> {
    /** The inputs a paired preference loss may read here. */
    static final Set<String> SUPPLIED = Set.of(InputNames.POLICY_CHOSEN_LOGPS, InputNames.POLICY_REJECTED_LOGPS, InputNames.REF_CHOSEN_LOGPS,
            InputNames.REF_REJECTED_LOGPS, InputNames.CHOSEN_LENGTHS, InputNames.REJECTED_LENGTHS);
    /** Samples from π itself, as the KL estimate needs. */
    private static final Sampler ON_POLICY = new Sampler(1.0, 0);

    @Option(names = "--pairs", required = true, description = "preference pairs, JSON lines with string fields prompt, chosen, rejected")
    Path pairsFile;

    @Option(names = "--text", description = "plain-text corpus for the SFT stage (needed unless --init is given)")
    Path text;

    @Option(names = "--init", description = "start from a model saved by a previous run (sft.lm or policy.lm) instead of SFT")
    Path init;

    @Option(names = "--loss", defaultValue = "dpo", description = "a registered paired preference loss (dpo, ipo, rdpo, simpo, ...)")
    String loss;

    @Option(names = {"-p", "--param"}, description = "loss hyperparameter k=v (repeatable)")
    List<String> paramArgs = new ArrayList<>();

    @Option(names = "--context", defaultValue = "8", description = "characters of context")
    int context;

    @Option(names = "--hidden", defaultValue = "128,128", description = "hidden layer widths, comma-separated")
    String hidden;

    @Option(names = "--sft-steps", defaultValue = "1500", description = "SFT steps (256 positions each)")
    int sftSteps;

    @Option(names = "--sft-lr", defaultValue = "3e-3", description = "SFT Adam learning rate")
    double sftLr;

    @Option(names = "--epochs", defaultValue = "4", description = "preference epochs")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", description = "pairs per preference step")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "preference Adam learning rate")
    double lr;

    @Option(names = "--ld-alpha", defaultValue = "1.0", description = "LD-DPO: weight of the tokens beyond each pair's shared length (1 = off; TRL ld_alpha)")
    double ldAlpha;

    @Option(names = "--wpo", description = "WPO: weight each pair's loss by its sequences' weights under the policy (TRL use_weighting)")
    boolean wpo;

    @Option(names = "--temperature", defaultValue = "1.0", description = "sampling temperature (KL estimate and samples)")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "sample among the k most likely characters (0 = all)")
    int topK;

    @Option(names = "--sample-length", defaultValue = "40", description = "characters per sampled completion")
    int sampleLength;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--out", defaultValue = "runs/align", description = "output folder")
    Path out;

    private Sampler sampler;

    @Override
    public Integer call() throws Exception {
        require(sftSteps >= 1, "sft-steps", "must be at least 1");
        require(epochs >= 1, "epochs", "must be at least 1");
        require(batch >= 1, "batch", "must be at least 1");
        require(context >= 1, "context", "must be at least 1");
        require(sampleLength >= 1, "sample-length", "must be at least 1");
        require(lr > 0 && sftLr > 0, "lr", "learning rates must be > 0");
        require(ldAlpha >= 0 && ldAlpha <= 1, "ld-alpha", "must lie in [0, 1]");
        require(text != null || init != null, "text", "give --text (a corpus for SFT) or --init (a saved model)");
        sampler = new Sampler(temperature, topK);
        Map<String, String> params = ParamArgs.parse(paramArgs, "--param");
        Objective objective = Registry.defaults().objective(loss, params);
        for (InputSpec s : objective.inputs()) {
            if (!s.optional() && !SUPPLIED.contains(s.name())) {
                throw new InvalidArgumentException("loss", loss + " reads " + s.name() + "; losslab align trains paired preference losses (inputs "
                        + SUPPLIED + ")");
            }
        }
        int[] hiddenWidths = widths();
        List<PairsFile.TextPair> textPairs = PairsFile.read(pairsFile);
        String corpus = text == null ? "" : Files.readString(text, StandardCharsets.UTF_8);
        OutputFolder folder = OutputFolder.prepare(out, "out");
        try (NDManager m = NDManager.newBaseManager()) {
            return align(m, objective, hiddenWidths, textPairs, corpus);
        } catch (Exception | Error e) {
            folder.discard();
            throw e;
        }
    }

    private int align(NDManager m, Objective objective, int[] hiddenWidths, List<PairsFile.TextPair> textPairs, String corpus) throws IOException {
        Random r = new Random(seed);
        CharVocabulary vocab;
        CharLm sft;
        long total = epochs + (init == null ? sftSteps : 0);
        try (ProgressBar bar = ProgressBars.start("align", total)) {
            if (init != null) {
                try (InputStream in = Files.newInputStream(init)) {
                    DataInputStream d = new DataInputStream(in);
                    vocab = CharVocabulary.ofCharacters(d.readUTF());
                    sft = CharLm.load(m, d);
                }
            } else {
                List<String> all = new ArrayList<>(List.of(corpus));
                textPairs.forEach(p -> all.addAll(List.of(p.prompt(), p.chosen(), p.rejected())));
                vocab = CharVocabulary.of(all.toArray(String[]::new));
                require(corpus.length() > context + 1, "text", "the corpus needs more than " + (context + 1) + " characters");
                sft = CharLm.create(m, vocab.size(), context, hiddenWidths, seed);
                double ce = CharLmTraining.sft(sft, vocab.encode(corpus), vocab.pad(), sftSteps, 256, sftLr, r, s -> bar.step());
                System.out.printf("SFT: %d steps, final cross-entropy %.4f nats per character%n", sftSteps, ce);
            }
            save(sft, vocab, out.resolve("sft.lm"));
            PreferencePairs pairs = PairsFile.encode(textPairs, vocab);
            int[][] probePrompts = Arrays.copyOf(pairs.prompts(), Math.min(128, pairs.size()));
            long sampleSeed = r.nextLong();
            int[][] before = sampler.complete(sft, probePrompts, sampleLength, vocab.pad(), new Random(sampleSeed));
            CharLm policy = sft.copy(m);
            double[] lossPerEpoch = new double[epochs];
            double[] accuracy = new double[epochs];
            double[] kl = new double[epochs];
            new PreferenceTrainer(policy, objective, lr, batch).ldAlpha(ldAlpha).wpoWeighting(wpo).train(pairs, sft, epochs, vocab.pad(), r, (e, measured) -> {
                lossPerEpoch[e] = measured.loss();
                accuracy[e] = measured.rewardAccuracy();
                kl[e] = klEstimate(policy, sft, probePrompts, vocab.pad(), new Random(sampleSeed + e + 1));
                bar.step();
                bar.setExtraMessage(String.format("loss %.4f", measured.loss()));
                System.out.printf("epoch %3d  loss %.4f  reward accuracy %.4f  KL to reference %.4f%n", e + 1, lossPerEpoch[e], accuracy[e], kl[e]);
            });
            save(policy, vocab, out.resolve("policy.lm"));
            int[][] after = sampler.complete(policy, probePrompts, sampleLength, vocab.pad(), new Random(sampleSeed));
            writeReport(vocab, pairs.size(), probePrompts, before, after, lossPerEpoch, accuracy, kl);
        }
        System.out.println("saved sft.lm, policy.lm and report.md to " + out);
        return 0;
    }

    /** Mean log π(y) − log π_ref(y) over completions y ~ π of {@code prompts}. */
    private double klEstimate(CharLm policy, CharLm reference, int[][] prompts, int pad, Random r) {
        int[][] ys = ON_POLICY.complete(policy, prompts, sampleLength, pad, r);
        float[][] rows = new PreferencePairs(prompts, ys, ys).rows(true, policy.context(), pad);
        double[] lp = policy.sequenceLogProbs(rows);
        double[] ref = reference.sequenceLogProbs(rows);
        double kl = 0;
        for (int i = 0; i < lp.length; i++) {
            kl += (lp[i] - ref[i]) / lp.length;
        }
        return kl;
    }

    private static void save(CharLm lm, CharVocabulary vocab, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            DataOutputStream d = new DataOutputStream(os);
            d.writeUTF(vocab.characters());
            lm.save(d);
        }
    }

    private void writeReport(CharVocabulary vocab, int pairs, int[][] prompts, int[][] before, int[][] after, double[] lossPerEpoch, double[] accuracy,
            double[] kl) throws IOException {
        List<String> xs = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            xs.add(Integer.toString(e));
        }
        PlotRenderer.render(Plot.lines("reward-accuracy.png", "Implicit reward accuracy on the training pairs", "epoch",
                "share of pairs with a positive log-ratio margin", xs).series("policy vs reference", TrainCommand.oneSeed(accuracy)).build(), out);
        PlotRenderer.render(Plot.lines("kl.png", "KL to the reference (sampled completions)", "epoch", "mean log π(y) − log π_ref(y) (nats)", xs)
                .series("KL estimate", TrainCommand.oneSeed(kl)).freeY().build(), out);
        StringBuilder md = new StringBuilder("# Alignment report\n\n");
        md.append(String.format("Pairs `%s` (%d), loss `%s` %s, %s, character LM (context %d, hidden %s, vocabulary %d), %d epochs, batch %d, lr %s,"
                + " seed %d%s%s.%n%n", pairsFile, pairs, loss, paramArgs, init != null ? "initial model `" + init + "`" : "SFT on `" + text + "` (" + sftSteps
                + " steps)", context, hidden, vocab.size(), epochs, batch, lr, seed, ldAlpha < 1 ? ", LD-DPO α " + ldAlpha : "", wpo ? ", WPO weighting" : ""));
        md.append("| epoch | loss | reward accuracy | KL to reference (nats per completion) |\n|---|---|---|---|\n");
        for (int e = 0; e < epochs; e++) {
            md.append(String.format("| %d | %.4f | %.4f | %.4f |%n", e + 1, lossPerEpoch[e], accuracy[e], kl[e]));
        }
        md.append("\nReward accuracy: the share of training pairs whose implicit reward margin (log π/π_ref of chosen minus rejected) is positive."
                + " KL: the mean of log π(y) − log π_ref(y) over one sampled completion (temperature 1) of each of the first ")
                .append(prompts.length).append(" prompts.\n\n![reward accuracy](reward-accuracy.png)\n\n![KL](kl.png)\n\n## Samples (temperature ")
                .append(temperature).append(", top-k ").append(topK).append(")\n\n| prompt | reference (SFT) | aligned |\n|---|---|---|\n");
        for (int i = 0; i < Math.min(5, prompts.length); i++) {
            md.append("| ").append(cell(vocab.decode(prompts[i]))).append(" | ").append(cell(vocab.decode(before[i]))).append(" | ")
                    .append(cell(vocab.decode(after[i]))).append(" |\n");
        }
        Files.writeString(out.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static String cell(String s) {
        return "`" + s.replace("\n", "⏎").replace("|", "\\|").replace("`", "'") + "`";
    }

    private int[] widths() {
        try {
            int[] w = Arrays.stream(hidden.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            for (int x : w) {
                require(x >= 1, "hidden", "widths must be at least 1");
            }
            return w;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("hidden", "expected comma-separated widths, got '" + hidden + "'");
        }
    }

    private static void require(boolean ok, String option, String reason) {
        if (!ok) {
            throw new InvalidArgumentException(option, reason);
        }
    }
}
