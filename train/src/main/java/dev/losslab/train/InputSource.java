package dev.losslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import java.util.Random;

/**
 * Produces one declared input of the objective at each training step ({@link Training#feed}). The
 * model's output and the batch's data inputs are produced by the loop itself; every other input
 * (a model parameter, an attack point, a frozen teacher or reference model, a reweighter's weights)
 * is one of these, chosen by the input's name. A source for {@link InputNames#WEIGHTS} runs after
 * the objective and sees its detached per-sample values ({@link Step#perSample}).
 */
@FunctionalInterface
public interface InputSource {

    /** The input for this step, in the step's scope (or attached to it), while gradients are recorded. */
    NDArray produce(Step step);

    /** Work done before the step starts recording gradients (an attack's own gradient search); none by default. */
    default void prepare(Step step) {}

    /** Per-sample data from a host table, one row per training sample, picked by the step's ids (precomputed teacher logits, aspect targets). */
    static InputSource rows(float[][] table) {
        return step -> HostArrays.float32(step.scope(), Rows.of(table, step.ids()));
    }

    /** Per-sample values from a host array, picked by the step's ids (precomputed reference log-probs, completion lengths). */
    static InputSource values(float[] table) {
        return step -> HostArrays.float32(step.scope(), Rows.of(table, step.ids()));
    }

    /** A model parameter as it stands (e.g. the output-layer weights for the L2-SVM's ½‖W‖²), trained through. */
    static InputSource parameter(Parameter parameter) {
        return step -> {
            NDArray w = parameter.getArray();
            step.scope().tempAttachAll(w);
            return w;
        };
    }

    /** The model's output at an adversarial point of the batch found by {@code attack} (no gradient in the search). */
    static InputSource attack(PgdAttack attack, long seed) {
        Random rng = new Random(seed);
        return new InputSource() {
            private float[][] adversarial;

            @Override
            public void prepare(Step step) {
                int[] labels = step.batch().get(InputNames.LABELS).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                adversarial = attack.attack(step.model(), step.modelManager(), step.rows(), labels, rng);
            }

            @Override
            public NDArray produce(Step step) {
                return step.forward(HostArrays.float32(step.scope(), adversarial));
            }
        };
    }

    /** A second, frozen model's output on the batch (a teacher, a reference policy): no gradient reaches it. */
    static InputSource frozen(Block other, ParameterStore store) {
        return step -> other.forward(store, new NDList(step.features()), false).singletonOrThrow().stopGradient();
    }

    /** Per-sample weights from the objective's detached per-sample values (sample reweighting, DRO). */
    static InputSource reweighter(Reweighter reweighter) {
        return step -> reweighter.weights(step.perSample(), step);
    }

    /** Turns detached per-sample losses [N] into non-negative weights [N]. */
    @FunctionalInterface
    interface Reweighter {
        NDArray weights(NDArray perSample, Step step);
    }
}
