package dev.losslab.core.preference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.PairEval.Result;
import java.util.HashMap;
import java.util.Map;

/** Evaluates an unpaired preference loss (KTO, BCO) in float64 with autograd: the shared fixture of their tests. */
final class UnpairedEval {
    private UnpairedEval() {}

    /** Desirable {@code c}/{@code rc}, undesirable {@code r}/{@code rr}, and any further named inputs. */
    static Result eval(Objective loss, double[] c, double[] r, double[] rc, double[] rr, Map<String, double[]> extra) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray chosen = m.create(c);
            NDArray rejected = m.create(r);
            chosen.setRequiresGradient(true);
            rejected.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>(Map.of(InputNames.POLICY_CHOSEN_LOGPS, chosen, InputNames.POLICY_REJECTED_LOGPS, rejected,
                    InputNames.REF_CHOSEN_LOGPS, m.create(rc), InputNames.REF_REJECTED_LOGPS, m.create(rr)));
            extra.forEach((name, values) -> in.put(name, m.create(values)));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(in));
                NDArray mean = per.mean();
                gc.backward(mean);
                return new Result(mean.getDouble(), per.toDoubleArray(), chosen.getGradient().toDoubleArray(), rejected.getGradient().toDoubleArray());
            }
        }
    }
}
