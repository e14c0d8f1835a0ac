package dev.losslab.lab.repro;

import ai.djl.Model;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.lab.data.Split;
import dev.losslab.lab.model.Mlp;
import dev.losslab.train.InputSource;
import dev.losslab.train.Metrics;
import dev.losslab.train.TabularData;
import dev.losslab.train.Training;
import java.util.Random;

/**
 * The digits distillation protocol shared by papers 01 and 37 (specs 01 and 37): per seed a
 * permutation; a teacher (MLP 64-128-128-10, ReLU, He init, Adam 1e-3, batch 50, 150 epochs) on the
 * first 1,000 samples; a student set of the first 100 of them with the teacher's logits; the other
 * samples for testing. {@link #student} trains any student block with any objective for a fixed
 * budget, the teacher's logits fed as {@code teacher_logits}.
 *
 * @param students the student's labelled samples
 * @param test the held-out samples
 * @param teacherLogits the teacher's logits on {@code students}
 * @param testTeacherLogits the teacher's logits on {@code test}
 * @param teacherAccuracy the teacher's test accuracy
 */
record DigitsTeacher(TabularData students, TabularData test, float[][] teacherLogits, float[][] testTeacherLogits, double teacherAccuracy) {

    static DigitsTeacher train(TabularData all, long seed) {
        int[] perm = Split.permutation(all.size(), new Random(seed));
        TabularData teacherSet = all.subset(java.util.Arrays.copyOfRange(perm, 0, 1000));
        TabularData studentSet = all.subset(java.util.Arrays.copyOfRange(perm, 0, 100));
        TabularData test = all.subset(java.util.Arrays.copyOfRange(perm, 1000, all.size()));
        try (Model m = Model.newInstance("teacher")) {
            Block teacher = Mlp.create(m.getNDManager(), all.dim(), new int[] {128, 128}, all.numClasses(), Mlp.Init.HE_NORMAL, seed, Activation::relu, true);
            Training t = new Training(teacher, new CrossEntropy(), adam(1e-3), m.getNDManager());
            Random order = new Random(seed + 1);
            for (int e = 0; e < 150; e++) {
                t.epoch(e, teacherSet, Split.permutation(teacherSet.size(), order), 50, (ep, ids, per, l) -> {});
            }
            return new DigitsTeacher(studentSet, test, t.outputs(studentSet.x()), t.outputs(test.x()), t.accuracy(test));
        }
    }

    /** Test accuracy of {@code student} (built on {@code m}) after {@code epochs} epochs of Adam on {@code objective}, batch 50. */
    double student(Model m, Block student, Objective objective, double lr, int epochs, long seed) {
        Training t = trained(m, student, objective, lr, epochs, seed, java.util.Map.of());
        return Metrics.accuracy(t.outputs(test.x()), test.y());
    }

    /**
     * The student's training after {@code epochs} epochs; besides the teacher's logits, {@code perSample} feeds any
     * other per-sample data input by name (rows aligned with {@link #students}).
     */
    Training trained(Model m, Block student, Objective objective, double lr, int epochs, long seed, java.util.Map<String, float[][]> perSample) {
        return trained(m, student, objective, lr, epochs, seed, perSample, t -> {});
    }

    /** As {@link #trained(Model, Block, Objective, double, int, long, java.util.Map)}, with {@code setup} applied to the loop before training (e.g. gradient alignment). */
    Training trained(Model m, Block student, Objective objective, double lr, int epochs, long seed, java.util.Map<String, float[][]> perSample,
            java.util.function.Consumer<Training> setup) {
        Training t = new Training(student, objective, adam(lr), m.getNDManager()).plannedEpochs(epochs);
        t.feedIfRead(InputNames.TEACHER_LOGITS, InputSource.rows(teacherLogits));
        perSample.forEach((name, table) -> t.feedIfRead(name, InputSource.rows(table)));
        setup.accept(t);
        Random order = new Random(seed + 2);
        for (int e = 0; e < epochs; e++) {
            t.epoch(e, students, Split.permutation(students.size(), order), 50, (ep, ids, per, l) -> {});
        }
        return t;
    }

    static Optimizer adam(double lr) {
        return Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) lr)).build();
    }
}
