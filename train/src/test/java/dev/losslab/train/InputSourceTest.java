package dev.losslab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.classification.robust.TruncatedGce;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.train.optim.MomentumSgd;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The objective's inputs come from named sources, never from loss-specific code: a frozen teacher,
 * a reweighter, and an objective's lifecycle hook (truncated GCE's pruning), with the real engine.
 */
class InputSourceTest {

    /** A distillation-shaped test objective: ½‖logits − teacher_logits‖² per sample. */
    static final class MatchTeacher extends AbstractObjective {
        MatchTeacher() {
            super("match-teacher", List.of(InputSpec.trained(InputNames.LOGITS, "[N, C]"), InputSpec.target(InputNames.TEACHER_LOGITS, "[N, C]")));
        }

        @Override
        protected NDArray evaluate(Inputs inputs) {
            NDArray d = inputs.get(InputNames.LOGITS).sub(inputs.get(InputNames.TEACHER_LOGITS));
            return d.mul(d).sum(new int[] {-1}).div(d.getManager().create(2f).duplicate());
        }
    }

    private static MomentumSgd sgd(float lr) {
        return MomentumSgd.builder().setLearningRateTracker(Tracker.fixed(lr)).optMomentum(0f).build();
    }

    private static List<float[]> values(Block b) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void aFrozenTeacherIsMatchedAndNeverUpdated() {
        TabularData data = TrainingTest.blobs(96, 3);
        try (NDManager m = NDManager.newBaseManager(); NDManager tm = NDManager.newBaseManager()) {
            Block teacher = TrainingTest.mlp(tm);
            teacher.getParameters().valueAt(0).getArray().addi(0.5f); // a teacher unlike the student's start
            List<float[]> teacherBefore = values(teacher);
            Training t = new Training(TrainingTest.mlp(m), new MatchTeacher(), sgd(0.05f), m)
                    .feed(InputNames.TEACHER_LOGITS, InputSource.frozen(teacher, new ParameterStore(tm, false)));
            int[] all = IntStream.range(0, data.size()).toArray();
            double first = t.epoch(0, data, all, 32, StepListener.NONE);
            double last = first;
            for (int e = 1; e < 30; e++) {
                last = t.epoch(e, data, all, 32, StepListener.NONE);
            }
            assertTrue(last < 0.5 * first, "student approaches the teacher: " + first + " -> " + last);
            List<float[]> teacherAfter = values(teacher);
            for (int i = 0; i < teacherBefore.size(); i++) {
                assertArrayEquals(teacherBefore.get(i), teacherAfter.get(i), "teacher parameter " + i + " unchanged");
            }
        }
    }

    @Test
    void aReweighterDecidesWhichSamplesCount() {
        TabularData data = TrainingTest.blobs(30, 5);
        int[] ids = IntStream.range(0, 30).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = TrainingTest.mlp(m);
            List<float[]> before = values(b);
            Training zero = new Training(b, new CrossEntropy(), sgd(0.5f), m)
                    .feed(InputNames.WEIGHTS, InputSource.reweighter((per, step) -> per.zerosLike()));
            assertEquals(0f, zero.step(0, data, ids, StepListener.NONE));
            List<float[]> after = values(b);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "all-zero weights leave parameter " + i + " unchanged");
            }
            Training plain = new Training(TrainingTest.mlp(m), new CrossEntropy(), sgd(0f), m);
            Training doubled = new Training(TrainingTest.mlp(m), new CrossEntropy(), sgd(0f), m)
                    .feed(InputNames.WEIGHTS, InputSource.reweighter((per, step) -> per.onesLike().add(1)));
            float p = plain.step(0, data, ids, StepListener.NONE);
            assertEquals(2 * p, doubled.step(0, data, ids, StepListener.NONE), 1e-5 * p, "weights of 2 double the loss");
        }
    }

    @Test
    void truncatedGcePrunesThroughItsHookWithoutUpdating() {
        TabularData data = TrainingTest.blobs(60, 9);
        int[] ids = IntStream.range(0, 60).toArray();
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = TrainingTest.mlp(m);
            TruncatedGce tgce = new TruncatedGce(0.7, 0.9);
            Training t = new Training(b, tgce, sgd(0.1f), m).plannedEpochs(20);
            for (int e = 0; e < 19; e++) {
                assertTrue(t.updatesIn(e) == (e != 19), "epoch " + e);
                t.epoch(e, data, ids, 20, StepListener.NONE);
            }
            assertTrue(IntStream.range(0, 60).allMatch(tgce::isKept), "no pruning before epoch 19");
            List<float[]> before = values(b);
            assertFalse(t.updatesIn(19));
            t.epoch(19, data, ids, 20, StepListener.NONE);
            List<float[]> after = values(b);
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i), "no update in the pruning epoch");
            }
            float[][] logits = t.outputs(data.x());
            for (int i = 0; i < 60; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (float v : logits[i]) {
                    max = Math.max(max, v);
                }
                double z = 0;
                for (float v : logits[i]) {
                    z += Math.exp(v - max);
                }
                double py = Math.exp(logits[i][data.y()[i]] - max) / z;
                assertEquals(py > 0.9, tgce.isKept(i), "mask of example " + i + " (p_y " + py + ")");
            }
            assertTrue(IntStream.range(0, 60).anyMatch(i -> !tgce.isKept(i)) && IntStream.range(0, 60).anyMatch(tgce::isKept), "some pruned, some kept");
        }
    }
}
