package dev.losslab.lab.repro;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.classifier.Argmax;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.fusion.AlphaSolver;
import dev.losslab.lab.fusion.KlMatchingAlphaSolver;
import dev.losslab.lab.fusion.LogitArithmetic;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Paper 18 (weak-to-strong transfer by logit fusion): spec 18's classification stand-in for
 * next-token prediction. Per seed a permutation of digits; "general" data = the first 600; the rest,
 * restricted to digits 0–4, is the task (first 150 to train, the others to test). The large base L
 * (MLP 64-128-10, ReLU, He init) trains on the general data and the small base S (softmax
 * regression) on its first 300, both Adam 1e-3, batch 32, 60 epochs; S_ft fine-tunes S on the task
 * (Adam 1e-2, 30 epochs) and the oracle L_ft fine-tunes L (Adam 3.3e-3, 30 epochs). All are scored
 * by 10-way argmax on the task's test samples, against static fusion z_L + α(z_{S,ft} − z_S) with
 * α = 1 and 0.5 and dynamic fusion (the two-term KL-matching α, grid [0, 3] step 0.05, per sample).
 * Checks (spec 18, means over seeds): static α = 1 ≥ S_ft + 0.005 and ≥ L + 0.005; dynamic ≥
 * S_ft + 0.005. Dynamic is not asserted to beat static (spec 18 did not observe it).
 */
public final class LogitFusionDigits extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new LogitFusionDigits();

    static final String[] ARMS = {"S base", "L base", "S_ft (small expert)", "L_ft (oracle)", "static α = 1", "static α = 0.5", "dynamic α"};

    private LogitFusionDigits() {
        super(new About(18, "dynamic-logit-fusion", "Weak-to-strong transfer by logit fusion",
                "Adding a small fine-tuned expert's logit shift to a large base model, z_L + α(z_S,ft − z_S), transfers the fine-tuning"
                        + " to the large model without training it: the fused model beats both the small expert and the large base, and"
                        + " α chosen per step by a KL-constrained search does so as well.",
                "task test accuracy (10-way argmax)"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(3).length * 2;
    }

    private static Block train(Model m, Block block, TabularData data, double lr, int epochs, long seed) {
        Training t = new Training(block, new CrossEntropy(), DigitsTeacher.adam(lr), m.getNDManager()).plannedEpochs(epochs);
        Random order = new Random(seed);
        for (int e = 0; e < epochs; e++) {
            t.epoch(e, data, Split.permutation(data.size(), order), 32, (ep, ids, per, l) -> {});
        }
        return block;
    }

    private static float[][] logits(Model m, Block block, TabularData test) {
        return new Training(block, new CrossEntropy(), DigitsTeacher.adam(0), m.getNDManager()).outputs(test.x());
    }

    /** The logits of the four models on the task's test samples, in the order S, L, S_ft, L_ft. */
    static double[][][] models(TabularData all, long seed) {
        int[] perm = Split.permutation(all.size(), new Random(seed));
        TabularData general = all.subset(java.util.Arrays.copyOfRange(perm, 0, 600));
        TabularData smallGeneral = all.subset(java.util.Arrays.copyOfRange(perm, 0, 300));
        int[] task = java.util.Arrays.stream(perm, 600, perm.length).filter(i -> all.y()[i] < 5).toArray();
        TabularData taskTrain = all.subset(java.util.Arrays.copyOfRange(task, 0, 150));
        TabularData taskTest = all.subset(java.util.Arrays.copyOfRange(task, 150, task.length));
        double[][][] out = new double[4][][];
        try (Model m = Model.newInstance("fusion")) {
            Block small = train(m, Mlp.create(m.getNDManager(), all.dim(), new int[0], 10, Mlp.Init.HE_NORMAL, seed + 1, Activation::relu, true),
                    smallGeneral, 1e-3, 60, seed + 2);
            out[0] = toDouble(logits(m, small, taskTest));
            Block large = train(m, Mlp.create(m.getNDManager(), all.dim(), new int[] {128}, 10, Mlp.Init.HE_NORMAL, seed + 3, Activation::relu, true),
                    general, 1e-3, 60, seed + 4);
            out[1] = toDouble(logits(m, large, taskTest));
            out[2] = toDouble(logits(m, train(m, small, taskTrain, 1e-2, 30, seed + 5), taskTest));
            out[3] = toDouble(logits(m, train(m, large, taskTrain, 3.3e-3, 30, seed + 6), taskTest));
        }
        int[] labels = taskTest.y();
        return new double[][][] {out[0], out[1], out[2], out[3], {java.util.Arrays.stream(labels).asDoubleStream().toArray()}};
    }

    private static double[][] toDouble(float[][] a) {
        double[][] d = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            d[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                d[i][j] = a[i][j];
            }
        }
        return d;
    }

    static double accuracy(double[][] logits, double[] labels) {
        int right = 0;
        for (int i = 0; i < logits.length; i++) {
            right += Argmax.of(logits[i]) == (int) labels[i] ? 1 : 0;
        }
        return (double) right / logits.length;
    }

    /** Fused logits per sample with the solver's α; {@code alphas} receives each sample's α. */
    static double[][] fused(double[][][] models, AlphaSolver solver, double[] alphas) {
        double[][] z = new double[models[0].length][];
        for (int i = 0; i < z.length; i++) {
            double[][] expert = {models[2][i]};
            double[] a = solver.solve(models[1][i], models[0][i], expert);
            alphas[i] = a[0];
            z[i] = LogitArithmetic.fuse(models[1][i], models[0][i], expert, a);
        }
        return z;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Dataset digits = DigitsSource.load(o.data(), DigitsSource.StandIn.SEPARATED);
        Findings f = start(o, 3, progress).data(digits.source(), o.data().find(DigitsSource.PATH).isEmpty());
        int[] seeds = f.seeds();
        double[][] acc = new double[ARMS.length][seeds.length];
        double[] meanAlpha = new double[seeds.length];
        KlMatchingAlphaSolver dynamic = new KlMatchingAlphaSolver(KlMatchingAlphaSolver.Objective.TWO_TERM, 3, 0.05, false);
        for (int s = 0; s < seeds.length; s++) {
            double[][][] m = models(digits.data(), seeds[s]);
            f.step("models, seed " + seeds[s]);
            double[] labels = m[4][0];
            for (int k = 0; k < 4; k++) {
                acc[k][s] = accuracy(m[k], labels);
            }
            double[] alphas = new double[labels.length];
            acc[4][s] = accuracy(fused(m, AlphaSolver.fixed(1), alphas), labels);
            acc[5][s] = accuracy(fused(m, AlphaSolver.fixed(0.5), alphas), labels);
            acc[6][s] = accuracy(fused(m, dynamic, alphas), labels);
            meanAlpha[s] = Stats.mean(alphas);
            f.step("fusion, seed " + seeds[s]);
        }
        List<String> arms = new ArrayList<>();
        MarkdownTable table = new MarkdownTable("model", "task test accuracy (mean ± sd)", "spec 18 (5 seeds)");
        String[] spec = {"0.898", "0.973", "0.975", "0.989", "0.989", "0.992", "0.988"};
        for (int k = 0; k < ARMS.length; k++) {
            arms.add(ARMS[k]);
            f.record(ARMS[k] + ": accuracy", acc[k]);
            table.row(ARMS[k], MarkdownTable.f3(Stats.mean(acc[k])) + " ± " + MarkdownTable.f3(Stats.sd(acc[k])), spec[k]);
        }
        f.record("dynamic: mean α*", meanAlpha);
        double sft = Stats.mean(acc[2]);
        f.check(Check.atLeast("static α = 1 − S_ft (spec: ≥ 0.005)", Stats.mean(acc[4]) - sft, 0.005));
        f.check(Check.atLeast("static α = 1 − L base (spec: ≥ 0.005)", Stats.mean(acc[4]) - Stats.mean(acc[1]), 0.005));
        f.check(Check.atLeast("dynamic α − S_ft (spec: ≥ 0.005)", Stats.mean(acc[6]) - sft, 0.005));
        f.plot(Plot.bars("task-accuracy.png", "Task (digits 0–4) test accuracy: bases, experts and fused models", "model",
                "test accuracy (fraction correct, 10-way argmax)", arms).series("accuracy", acc).build());
        f.table(table + String.format("%nDynamic fusion's mean α* per sample: %.2f (spec 18: about 2.1).%n", Stats.mean(meanAlpha)));
        f.note("Dynamic α minimises spec 18's two-term KL-matching objective, which the spec marks as an unverified reconstruction (the"
                + " paper's code was not published); dynamic fusion is not asserted to beat static fusion, as spec 18 did not observe it.");
        f.note("Budgets are the spec's: every model trains for its fixed number of epochs; the oracle L_ft fine-tunes the large model on the"
                + " same 150 task samples as the small expert.");
        if (f.synthetic()) {
            f.note("On the synthetic stand-in the transfer has no room to show: its classes are Gaussian blobs that a linear model separates"
                    + " about as well as the MLP, so the small expert alone already reaches the oracle's accuracy and the fused model cannot"
                    + " add 0.005 over it (tried separations 0.6 and 0.4). The claim is checked on the real digits.");
        }
        return f.result();
    }
}
