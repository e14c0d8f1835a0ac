package dev.losslab.core;

import static dev.losslab.core.InputNames.WEIGHTS;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * A training objective: a function of named inputs that returns one value per sample.
 *
 * <p>This is the functional core (as in {@code torch.nn.functional} and optax): an objective
 * holds only its validated hyperparameters and computes per-sample values ℓ_i, shape [N]. The
 * reduction and per-sample weights are applied outside by {@link Reduction}, so reweighting
 * schemes compose with every objective. Stateful objectives keep their state in explicit
 * fields and say so in their javadoc.
 *
 * <p>Memory: an evaluation owns its temporaries. Whatever manager the inputs live in, it leaves
 * behind only its result, attached to the manager of the first trained input (extend
 * {@link AbstractObjective}, which guarantees it); autograd keeps what backward needs.
 */
public interface Objective {

    /** The registry name, e.g. {@code comp-sum}. */
    String name();

    /** The inputs this objective reads, in the order the DJL adapter maps them. */
    List<InputSpec> inputs();

    /**
     * Per-sample values ℓ_i, shape [N], differentiable with respect to every trained input.
     *
     * @throws InvalidArgumentException when an input is missing, malformed or non-finite
     */
    NDArray perSample(Inputs inputs);

    /**
     * Reduced value; uses {@link InputNames#WEIGHTS} when present. Like {@link #perSample}, it leaves
     * only its result behind, whatever manager the inputs live in.
     */
    default NDArray compute(Inputs inputs, Reduction reduction) {
        NDArray weights = inputs.has(InputNames.WEIGHTS) ? inputs.get(InputNames.WEIGHTS) : null;
        return EvaluationScope.run(this, inputs, () -> reduction.apply(perSample(inputs), weights));
    }

    /** The mean loss (1/N) Σ ℓ_i (weighted when weights are given). */
    default NDArray mean(Inputs inputs) {
        return compute(inputs, Reduction.MEAN);
    }
}
