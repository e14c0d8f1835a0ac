package dev.losslab.core.preference;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import static dev.losslab.core.Fixtures.assertClose;

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
                return new Result(mean.getDouble(), per.toDoubleArray(), asDoubles(c.getGradient()), asDoubles(r.getGradient()));
            }
        }
    }

    /** A gradient as doubles (DJL leaves an input the loss does not read with float32 zeros). */
    static double[] asDoubles(NDArray grad) {
        return grad.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }

    public static Result one(Objective loss, double[] in) {
        return eval(loss, new double[] {in[0]}, new double[] {in[1]}, new double[] {in[2]}, new double[] {in[3]});
    }


    /** The autograd gradients of the mean with respect to both policy inputs match central differences (h = 1e-6, relative 1e-7). */
    public static void assertFiniteDifferences(Objective loss, double[] c, double[] r, double[] rc, double[] rr, double[]... lengths) {
        Result at = eval(loss, c, r, rc, rr, lengths);
        for (int i = 0; i < c.length; i++) {
            double[] up = c.clone();
            double[] down = c.clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            assertClose((eval(loss, up, r, rc, rr, lengths).mean() - eval(loss, down, r, rc, rr, lengths).mean()) / 2e-6, at.gradChosen()[i], 1e-7);
            double[] upR = r.clone();
            double[] downR = r.clone();
            upR[i] += 1e-6;
            downR[i] -= 1e-6;
            assertClose((eval(loss, c, upR, rc, rr, lengths).mean() - eval(loss, c, downR, rc, rr, lengths).mean()) / 2e-6, at.gradRejected()[i], 1e-7);
        }
    }
}
