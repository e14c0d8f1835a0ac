package dev.losslab.lab.repro;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.distill.DistillationObjective;
import dev.losslab.core.distill.Dkd;
import dev.losslab.core.distill.Kd;
import dev.losslab.core.distill.Nkd;
import dev.losslab.core.distill.Uskd;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.model.Mlp;
import dev.losslab.lab.model.TwoHeadMlp;
import dev.losslab.train.TabularData;
import java.util.List;
import java.util.function.Supplier;

/**
 * Paper 37 (NKD, USKD): spec 37's digits protocol. Per seed, a permutation; the teacher (MLP
 * 64-128-128-10, ReLU, He init, Adam 1e-3, batch 50, 150 epochs) learns from the first 1,000
 * samples, the student (MLP 64-32-10, Adam 3e-3, batch 50, 200 epochs) from the first 100 of them
 * with the teacher's logits on the same inputs, tested on the remaining 797. Arms, every one with the
 * same student budget: CE; KD (0.1·CE + 0.9·KD, τ = 4); CE + NKD (τ = 1, γ = 1.5); CE + DKD (1, 8,
 * τ = 4, warm-up 20 epochs); teacher-free CE + USKD (α = 1, β = 0.1, μ = 0.005, weak head on the
 * 32-d hidden feature). Checks (spec 37, means over the seeds): NKD − CE ≥ 0.015, KD − CE ≥ 0.015,
 * |USKD − CE| ≤ 0.01 (USKD is not expected to help at this scale); NKD vs KD is not asserted.
 */
public final class NkdDigits extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new NkdDigits();

    static final String[] ARMS = {"CE", "KD (0.1 CE + 0.9 KD, τ 4)", "CE + NKD (τ 1, γ 1.5)", "CE + DKD (1, 8, τ 4)", "CE + USKD (no teacher)"};

    private NkdDigits() {
        super(new About(37, "nkd-digits", "NKD and USKD: distilling a digits student",
                "Normalising the non-target knowledge (NKD) and distilling with a teacher improves a student over plain cross-entropy;"
                        + " teacher-free USKD customises soft labels from the student itself.",
                "student test accuracy"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(5).length * (1 + ARMS.length);
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Dataset digits = DigitsSource.load(o.data(), DigitsSource.StandIn.SEPARATED);
        boolean real = o.data().find(DigitsSource.PATH).isPresent();
        Findings f = start(o, 5, progress).data(digits.source(), !real);
        int[] seeds = f.seeds();
        double[][] acc = new double[ARMS.length][seeds.length];
        double[] teacherAcc = new double[seeds.length];
        TabularData all = digits.data();
        for (int s = 0; s < seeds.length; s++) {
            long seed = seeds[s];
            DigitsTeacher teacher = DigitsTeacher.train(all, seed);
            teacherAcc[s] = teacher.teacherAccuracy();
            f.step("teacher, seed " + seed);
            List<Supplier<Objective>> objectives = List.of(CrossEntropy::new, () -> new DistillationObjective(new Kd(4), 0.1, 0.9, 0),
                    () -> new DistillationObjective(new Nkd(1, 1.5), 1, 1, 0), () -> new DistillationObjective(new Dkd(1, 8, 4), 1, 1, 20),
                    () -> new DistillationObjective(new Uskd(1, 0.1, 0.005), 1, 1, 0));
            for (int a = 0; a < ARMS.length; a++) {
                try (Model m = Model.newInstance("student")) {
                    Block student = a == ARMS.length - 1 ? TwoHeadMlp.create(m.getNDManager(), 64, 32, 10, seed + 7)
                            : Mlp.create(m.getNDManager(), 64, new int[] {32}, 10, Mlp.Init.HE_NORMAL, seed + 7, Activation::relu, true);
                    acc[a][s] = teacher.student(m, student, objectives.get(a).get(), 3e-3, 200, seed);
                }
                f.step(ARMS[a] + ", seed " + seed);
            }
        }
        f.record("teacher test accuracy", teacherAcc);
        for (int a = 0; a < ARMS.length; a++) {
            f.record(ARMS[a] + ": test accuracy", acc[a]);
        }
        double ce = Stats.mean(acc[0]);
        f.check(Check.atLeast("NKD − CE test accuracy (mean)", Stats.mean(acc[2]) - ce, 0.015));
        f.check(Check.atLeast("KD − CE test accuracy (mean)", Stats.mean(acc[1]) - ce, 0.015));
        f.check(Check.atMost("|USKD − CE| test accuracy (mean)", Math.abs(Stats.mean(acc[4]) - ce), 0.01));
        f.plot(Plot.bars("student-accuracy.png", "Student (64-32-10, 100 labelled samples) test accuracy", "training objective", "test accuracy (fraction correct)",
                List.of(ARMS)).series("student", acc).build());
        MarkdownTable table = new MarkdownTable("arm", "mean", "sd", "per seed");
        for (int a = 0; a < ARMS.length; a++) {
            table.row(ARMS[a], MarkdownTable.f3(Stats.mean(acc[a])), MarkdownTable.f3(Stats.sd(acc[a])), java.util.Arrays.toString(
                    java.util.Arrays.stream(acc[a]).mapToObj(MarkdownTable::f3).toArray()));
        }
        f.table("Teacher test accuracy (mean): " + MarkdownTable.f3(Stats.mean(teacherAcc)) + ".\n\n" + table
                + "\nSpec 37's NumPy means (5 seeds): CE 0.897, KD 0.929, NKD 0.931, DKD 0.934; USKD 0.900 vs CE 0.898.\n");
        f.note("Protocol of spec 37: per seed a permutation (java.util.Random); teacher on the first 1,000 samples, student on the first 100 of"
                + " them with the teacher's logits on the same inputs (precomputed, fed to the loss as teacher_logits), test on the other 797."
                + " Student budget is the same for every arm: 200 epochs, batch 50, Adam 3e-3, He-normal init from the seed.");
        f.note("DKD's warm-up (20 epochs) and the mixes are DistillationObjective's; USKD's weak head is a second linear head on the student's"
                + " 32-d hidden feature (TwoHeadMlp), trained through aux_logits; the main head predicts.");
        return f.result();
    }
}
