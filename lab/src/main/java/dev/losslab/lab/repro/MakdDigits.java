package dev.losslab.lab.repro;

import static dev.losslab.core.InputNames.ASPECT_TARGETS;

import ai.djl.Model;
import ai.djl.nn.Activation;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.distill.Makd;
import dev.losslab.core.registry.Registered;
import dev.losslab.lab.data.Dataset;
import dev.losslab.lab.model.Mlp;
import dev.losslab.lab.model.TwoHeadMlp;
import dev.losslab.train.Metrics;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.List;

/**
 * Paper 11 (MaKD): spec 11's digits protocol. The "MLLM" is {@link DigitsTeacher}'s teacher; its
 * answer to six yes/no aspect questions about sample i is t_iq = Σ_{c ∈ G_q} softmax(teacher logits_i)_c
 * for the groups even {0,2,4,6,8}, closed loop {0,6,8,9}, ≥ 5, {1,4,7}, {3,5,8}, {2,3,5,7}. The student
 * (64-32 ReLU backbone; 10 class outputs, plus 6 aspect outputs for MaKD; Adam 3e-3, batch 50, 200
 * epochs on 100 samples) trains with CE alone or with MaKD (w_ce 1, α 4). Checks (spec 11, means over
 * the seeds; spec 11 found no gain at this scale and asserts conservatively): MaKD's test accuracy ≥
 * CE's − 0.015; the aspect head's held-out mean BCE against the teacher's test targets is below
 * log 2 (it learns).
 */
public final class MakdDigits extends PaperReproduction {
    @Registered
    public static final Reproduction REPRODUCTION = new MakdDigits();

    static final int[][] GROUPS = {{0, 2, 4, 6, 8}, {0, 6, 8, 9}, {5, 6, 7, 8, 9}, {1, 4, 7}, {3, 5, 8}, {2, 3, 5, 7}};

    private MakdDigits() {
        super(new About(11, "makd-digits", "MaKD: multi-aspect targets from a teacher as extra outputs",
                "Training a student's extra outputs on an (M)LLM teacher's soft answers to yes/no questions about each image, beside the"
                        + " class cross-entropy, improves classification; here it is checked not to hurt and that the aspect head learns.",
                "student test accuracy and aspect-head BCE"));
    }

    @Override
    public boolean hasQuickProtocol() {
        return false;
    }

    @Override
    public int workUnits(ReproOptions o) {
        return o.seedList(5).length * 3;
    }

    /** t_iq = Σ_{c ∈ G_q} softmax(logits_i)_c. */
    static float[][] aspects(float[][] teacherLogits) {
        float[][] t = new float[teacherLogits.length][GROUPS.length];
        for (int i = 0; i < t.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : teacherLogits[i]) {
                max = Math.max(max, v);
            }
            double z = 0;
            double[] p = new double[teacherLogits[i].length];
            for (int c = 0; c < p.length; c++) {
                p[c] = Math.exp(teacherLogits[i][c] - max);
                z += p[c];
            }
            for (int q = 0; q < GROUPS.length; q++) {
                double s = 0;
                for (int c : GROUPS[q]) {
                    s += p[c] / z;
                }
                t[i][q] = (float) Math.min(1, s);
            }
        }
        return t;
    }

    @Override
    public ReproResult run(ReproOptions o, Progress progress) {
        Dataset digits = DigitsSource.load(o.data(), DigitsSource.StandIn.SEPARATED);
        Findings f = start(o, 5, progress).data(digits.source(), o.data().find(DigitsSource.PATH).isEmpty());
        int[] seeds = f.seeds();
        TabularData all = digits.data();
        double[][] acc = new double[2][seeds.length];
        double[] bce = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            long seed = seeds[s];
            DigitsTeacher teacher = DigitsTeacher.train(all, seed);
            f.step("teacher, seed " + seed);
            try (Model m = Model.newInstance("student")) {
                acc[0][s] = teacher.student(m, Mlp.create(m.getNDManager(), 64, new int[] {32}, 10, Mlp.Init.HE_NORMAL, seed + 7, Activation::relu, true),
                        new CrossEntropy(), 3e-3, 200, seed);
            }
            f.step("CE, seed " + seed);
            try (Model m = Model.newInstance("student")) {
                Training t = teacher.trained(m, TwoHeadMlp.create(m.getNDManager(), 64, 32, 10, GROUPS.length, seed + 7), new Makd(1, 4), 3e-3, 200, seed,
                        java.util.Map.of(ASPECT_TARGETS, aspects(teacher.teacherLogits())));
                acc[1][s] = Metrics.accuracy(t.outputs(teacher.test().x()), teacher.test().y());
                bce[s] = meanBce(t.outputs(teacher.test().x(), 1), aspects(teacher.testTeacherLogits()));
            }
            f.step("MaKD, seed " + seed);
        }
        f.record("CE: test accuracy", acc[0]);
        f.record("MaKD: test accuracy", acc[1]);
        f.record("MaKD: held-out aspect BCE", bce);
        f.check(Check.atLeast("MaKD − CE test accuracy (mean; spec: ≥ −0.015)", Stats.mean(acc[1]) - Stats.mean(acc[0]), -0.015));
        f.check(Check.atMost("aspect head's held-out mean BCE (log 2 = constant-0 logits)", Stats.mean(bce), Math.log(2)));
        f.plot(Plot.bars("student-accuracy.png", "Student (64-32 backbone, 100 labelled samples) test accuracy", "training objective",
                "test accuracy (fraction correct)", List.of("CE", "MaKD (α = 4, 6 aspects)")).series("student", acc).build());
        f.table(String.format("| arm | test accuracy (mean ± sd) |%n|---|---|%n| CE | %.3f ± %.3f |%n| MaKD | %.3f ± %.3f |%n%n"
                + "Aspect head, held-out mean BCE: %.4f (log 2 = %.4f). Spec 11's NumPy means: CE 0.896, MaKD 0.896.%n",
                Stats.mean(acc[0]), Stats.sd(acc[0]), Stats.mean(acc[1]), Stats.sd(acc[1]), Stats.mean(bce), Math.log(2)));
        f.note("As spec 11 found, the aspects derived from a confident digits teacher are nearly functions of the label, so they add little"
                + " outside knowledge at this scale; the paper's gains come from an MLLM's answers on fine-grained images, which are not reproduced.");
        return f.result();
    }

    /** Mean over entries of BCE-with-logits(a, t). */
    static double meanBce(float[][] a, float[][] t) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int q = 0; q < a[i].length; q++) {
                double x = a[i][q];
                sum += Math.max(x, 0) - x * t[i][q] + Math.log1p(Math.exp(-Math.abs(x)));
                n++;
            }
        }
        return sum / n;
    }
}
