package dev.losslab.core.preference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.HashMap;
import java.util.Map;

/** Evaluates a paired preference loss in float64 with autograd: the shared fixture of the preference tests. */
public final class PairEval {
    private PairEval() {}

    /** Mean loss, per-pair values and d(mean)/d(policy chosen, policy rejected), float64. */
    public record Result(double mean, double[] per, double[] gradChosen, double[] gradRejected) {}

    public static Result eval(Objective loss, double[] chosen, double[] rejected, double[] refChosen, double[] refRejected, double[]... lengths) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(chosen);
            NDArray r = m.create(rejected);
            c.setRequiresGradient(true);
            r.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>(Map.of(InputNames.POLICY_CHOSEN_LOGPS, c, InputNames.POLICY_REJECTED_LOGPS, r,
                    InputNames.REF_CHOSEN_LOGPS, m.create(refChosen), InputNames.REF_REJECTED_LOGPS, m.create(refRejected)));
            if (lengths.length == 2) {
                in.put(InputNames.CHOSEN_LENGTHS, m.create(lengths[0]));
                in.put(InputNames.REJECTED_LENGTHS, m.create(lengths[1]));
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(in));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), c.getGradient().toDoubleArray(), r.getGradient().toDoubleArray());
            }
        }
    }

    public static Result one(Objective loss, double[] in) {
        return eval(loss, new double[] {in[0]}, new double[] {in[1]}, new double[] {in[2]}, new double[] {in[3]});
    }

}
