package dev.losslab.lab.repro;

import ai.djl.Model;
import ai.djl.nn.Activation;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.distill.BinaryKlNorm;
import dev.losslab.core.distill.Dhkd;
import dev.losslab.core.distill.DistillationObjective;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.model.Mlp;
import dev.losslab.lab.model.TwoHeadMlp;
import dev.losslab.train.TabularData;
import java.util.List;

/**
 * Paper 01 (DHKD): spec 01's digits protocol ({@link DigitsTeacher}: teacher on 1,000 samples,
 * student on 100 with the teacher's logits, test on the rest). The student backbone 64-32 (ReLU)
 * with linear heads, Adam 3e-3, batch 50, 600 epochs, τ = 2, α = 4, γ = 1, in three arms with the
 * same budget: CE only (one head); DHKD (CE on the main head, α·BinaryKL-Norm on the auxiliary head,
 * the main head predicts); single-head CE + α·BinaryKL-Norm; DHKD with the official {@code --ga} gradient
 * alignment ({@code Training.alignGradients}: the BinaryKL-Norm gradient projected off the CE gradient
 * when they conflict), reported, not asserted. Check (spec 01, mean over the seeds):
 * DHKD − CE ≥ 0.01. Spec 01 does not assert single head &lt; DHKD (the head-collapse effect did not
 * appear at this scale); it is reported.
 */
public final class DhkdDigits extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new DhkdDigits();

    static final String[] ARMS = {"CE (one head)", "DHKD (two heads)", "CE + BinaryKL-Norm (one head)", "DHKD + gradient alignment"};

    private DhkdDigits() {
        super(new About(1, "dhkd-digits", "DHKD: a second head for the logit-level distillation loss",
                "Giving the logit-level BinaryKL loss its own auxiliary head (DHKD) lets a student use the teacher's logits and beat"
                        + " cross-entropy training, where the same loss on the single classification head can hurt.",
                "student test accuracy (main head)"));
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
        Findings f = start(o, 5, progress).data(digits.source(), o.data().find(DigitsSource.PATH).isEmpty());
        int[] seeds = f.seeds();
        TabularData all = digits.data();
        double[][] acc = new double[ARMS.length][seeds.length];
        double[] teacherAcc = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            long seed = seeds[s];
            DigitsTeacher teacher = DigitsTeacher.train(all, seed);
            teacherAcc[s] = teacher.teacherAccuracy();
            f.step("teacher, seed " + seed);
            for (int a = 0; a < ARMS.length; a++) {
                try (Model m = Model.newInstance("student")) {
                    acc[a][s] = switch (a) {
                        case 0 -> teacher.student(m, oneHead(m, seed), new CrossEntropy(), 3e-3, 600, seed);
                        case 1 -> teacher.student(m, TwoHeadMlp.create(m.getNDManager(), 64, 32, 10, seed + 7), new Dhkd(1, 4, 2), 3e-3, 600, seed);
                        case 2 -> teacher.student(m, oneHead(m, seed), new DistillationObjective(new BinaryKlNorm(2), 1, 4, 0), 3e-3, 600, seed);
                        default -> dev.losslab.train.Metrics.accuracy(teacher.trained(m, TwoHeadMlp.create(m.getNDManager(), 64, 32, 10, seed + 7), new Dhkd(1, 4, 2),
                                3e-3, 600, seed, java.util.Map.of(), t -> t.alignGradients(new Dhkd(1, 0, 2), new Dhkd(0, 4, 2))).outputs(teacher.test().x()), teacher.test().y());
                    };
                }
                f.step(ARMS[a] + ", seed " + seed);
            }
        }
        f.record("teacher test accuracy", teacherAcc);
        for (int a = 0; a < ARMS.length; a++) {
            f.record(ARMS[a] + ": test accuracy", acc[a]);
        }
        f.check(Check.atLeast("DHKD − CE test accuracy (mean)", Stats.mean(acc[1]) - Stats.mean(acc[0]), 0.01));
        f.plot(Plot.bars("student-accuracy.png", "Student (64-32 backbone, 100 labelled samples) test accuracy", "training objective",
                "test accuracy (fraction correct)", List.of(ARMS)).series("student", acc).build());
        MarkdownTable table = new MarkdownTable("arm", "mean", "sd", "per seed");
        for (int a = 0; a < ARMS.length; a++) {
            table.row(ARMS[a], MarkdownTable.f3(Stats.mean(acc[a])), MarkdownTable.f3(Stats.sd(acc[a])),
                    java.util.Arrays.toString(java.util.Arrays.stream(acc[a]).mapToObj(MarkdownTable::f3).toArray()));
        }
        f.table("Teacher test accuracy (mean): " + MarkdownTable.f3(Stats.mean(teacherAcc)) + ".\n\n" + table
                + "\nSpec 01's NumPy means (5 seeds): CE 0.900, DHKD 0.925, single head 0.950 (no run with gradient alignment).\n");
        f.note("Single head vs DHKD: " + (Stats.mean(acc[2]) > Stats.mean(acc[1])
                ? "the single head is better here, as in spec 01's NumPy run; the paper's head-collapse effect is reported at CIFAR/ImageNet scale only."
                : "DHKD is better here, the paper's direction; spec 01 does not assert it at this scale."));
        f.note("The auxiliary head is TwoHeadMlp's second linear head on the 32-d hidden feature; it receives only the BinaryKL-Norm gradient"
                + " and the main head only the cross-entropy (tested on the loss's gradients). The fourth arm adds the official --ga step (PCGrad projection of the BinaryKL-Norm gradient against the CE"
                + " gradient over all parameters, when their inner product is negative); spec 01 states no claim for it at this scale.");
        return f.result();
    }

    private static ai.djl.nn.Block oneHead(Model m, long seed) {
        return Mlp.create(m.getNDManager(), 64, new int[] {32}, 10, Mlp.Init.HE_NORMAL, seed + 7, Activation::relu, true);
    }
}
