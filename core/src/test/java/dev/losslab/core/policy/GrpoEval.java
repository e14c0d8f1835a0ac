package dev.losslab.core.policy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluates {@link Grpo} in float64 with autograd: mean, per-completion shares and the gradients of the mean. */
final class GrpoEval {
    private GrpoEval() {}

    /** Mean loss, per-completion values, d(mean)/d(policy token log-probs) and d(mean)/d(entropies) (flattened, row-major; null when absent). */
    record Result(double mean, double[] per, double[] gradLogps, double[] gradEntropies) {}

    /** The token inputs of one evaluation; null entries are left out. */
    record Batch(double[][] logps, double[] advantages, double[][] mask, double[][] old, double[][] ref, double[][] entropies) {
        Batch withLogps(double[][] x) {
            return new Batch(x, advantages, mask, old, ref, entropies);
        }

        Batch withEntropies(double[][] x) {
            return new Batch(logps, advantages, mask, old, ref, x);
        }
    }

    static Result eval(Objective loss, Batch b) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray lp = m.create(b.logps());
            lp.setRequiresGradient(true);
            Map<String, NDArray> in = new LinkedHashMap<>();
            in.put(InputNames.POLICY_TOKEN_LOGPS, lp);
            in.put(InputNames.ADVANTAGES, m.create(b.advantages()));
            put(m, in, InputNames.COMPLETION_MASK, b.mask());
            put(m, in, InputNames.OLD_TOKEN_LOGPS, b.old());
            put(m, in, InputNames.REF_TOKEN_LOGPS, b.ref());
            NDArray h = null;
            if (b.entropies() != null) {
                h = m.create(b.entropies());
                h.setRequiresGradient(true);
                in.put(InputNames.TOKEN_ENTROPIES, h);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(in));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), lp.getGradient().toDoubleArray(),
                        h == null ? null : h.getGradient().toDoubleArray());
            }
        }
    }

    private static void put(NDManager m, Map<String, NDArray> in, String name, double[][] x) {
        if (x != null) {
            in.put(name, m.create(x));
        }
    }
}
