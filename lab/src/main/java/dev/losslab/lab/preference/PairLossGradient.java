package dev.losslab.lab.preference;

import static dev.losslab.core.InputNames.POLICY_CHOSEN_LOGPS;
import static dev.losslab.core.InputNames.POLICY_REJECTED_LOGPS;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.HashMap;
import java.util.Map;

/**
 * A preference loss evaluated on host log-probabilities through the engine's autograd: the value
 * and its gradients with respect to the policy's chosen and rejected log-probs, which the testbeds
 * chain to their own parameters.
 *
 * @param value the mean of the per-sample values (or their weighted sum)
 * @param chosen ∂value/∂policy_chosen_logps
 * @param rejected ∂value/∂policy_rejected_logps
 */
public record PairLossGradient(double value, double[] chosen, double[] rejected) {

    /** The mean loss over {@code inputs} (every input the loss reads, by name). */
    public static PairLossGradient of(Objective loss, Map<String, double[]> inputs) {
        return evaluate(loss, inputs, null);
    }

    /** Σ_i w_i·ℓ_i, e.g. the mean over repeated pairs grouped with their shares. */
    public static PairLossGradient weighted(Objective loss, Map<String, double[]> inputs, double[] weights) {
        return evaluate(loss, inputs, weights);
    }

    private static PairLossGradient evaluate(Objective loss, Map<String, double[]> inputs, double[] weights) {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = new HashMap<>();
            inputs.forEach((name, values) -> arrays.put(name, m.create(values)));
            NDArray chosen = arrays.get(POLICY_CHOSEN_LOGPS);
            NDArray rejected = arrays.get(POLICY_REJECTED_LOGPS);
            chosen.setRequiresGradient(true);
            rejected.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(arrays));
                NDArray value = weights == null ? per.mean() : per.mul(m.create(weights)).sum();
                gc.backward(value);
                return new PairLossGradient(value.getDouble(), chosen.getGradient().toDoubleArray(), rejected.getGradient().toDoubleArray());
            }
        }
    }
}
