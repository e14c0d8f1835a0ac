package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered loss owns its temporaries: 1,000 evaluations on inputs that live in one
 * long-lived manager (labels created once, full-batch training) leave its number of live arrays
 * unchanged, for the forward pass alone and for forward + backward. Before evaluations were scoped,
 * each one left its temporaries there (focal on [2048, 32000] logits grew the process by ~3 GB each).
 */
class LongLivedInputsTest {
    static final int EVALUATIONS = 1000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.losslab.cli.GoldenCase#perLoss")
    void evaluationsLeaveNothingBehind(String name, JsonObject c) {
        Objective objective = GoldenCase.objective(c);
        try (NDManager longLived = NDManager.newBaseManager()) {
            Inputs in = GoldenCase.inputs(objective, c, longLived).inputs();
            for (boolean backward : new boolean[] {false, true}) {
                evaluate(objective, in, backward);
                int before = live(longLived);
                for (int i = 0; i < EVALUATIONS; i++) {
                    evaluate(objective, in, backward);
                }
                assertEquals(before, live(longLived), name + (backward ? " forward + backward" : " forward") + ": live arrays after " + EVALUATIONS + " evaluations");
            }
        }
    }

    private static void evaluate(Objective objective, Inputs in, boolean backward) {
        if (!backward) {
            objective.perSample(in).close();
            return;
        }
        // DJL's GradientCollector.backward(target) leaves a ones array on the target's manager: the
        // caller's step scope takes it, as any training loop must (README, DJL pitfalls)
        try (GradientCollector gc = Engine.getInstance().newGradientCollector();
                NDManager step = in.get(objective.inputs().get(0).name()).getManager().newSubManager()) {
            NDArray loss = objective.mean(in);
            loss.attach(step);
            gc.backward(loss);
        }
    }

    private static int live(NDManager m) {
        return ((BaseNDManager) m).getManagedArrays().size();
    }
}
