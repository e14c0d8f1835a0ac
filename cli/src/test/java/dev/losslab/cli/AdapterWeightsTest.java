package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.ObjectiveLoss;
import dev.losslab.core.Reduction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per-sample weights reach every registered loss through the DJL adapter: weights of one give the
 * unweighted loss, weights of two double it, a zero weight removes exactly that sample, and a
 * negative weight is refused. Before the adapter mapped by name, aldr-kl and tgce took the weights
 * as {@code sample_ids} (weights 1 and 2 gave the same loss) and weighted-bce as {@code pos_weight}.
 */
class AdapterWeightsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.losslab.cli.GoldenCase#perLoss")
    void weightsAreHonoured(String name, JsonObject c) {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] per = GoldenCase.objective(c).perSample(GoldenCase.inputs(GoldenCase.objective(c), c, m).inputs()).toDoubleArray();
            double plain = sum(per);
            int n = per.length;
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            double[] twos = new double[n];
            Arrays.fill(twos, 2);
            double[] dropFirst = ones.clone();
            dropFirst[0] = 0;
            assertEquals(plain, weightedSum(c, m, ones), 1e-12 * Math.max(1, Math.abs(plain)), name + ": weights 1");
            assertEquals(2 * plain, weightedSum(c, m, twos), 2e-12 * Math.max(1, Math.abs(plain)), name + ": weights 2");
            assertEquals(plain - per[0], weightedSum(c, m, dropFirst), 1e-12 * Math.max(1, Math.abs(plain)), name + ": zero weight");
            double[] negative = ones.clone();
            negative[0] = -1;
            assertThrows(InvalidArgumentException.class, () -> weightedSum(c, m, negative), name + ": negative weight");
        }
    }

    /** Σ w_i ℓ_i through {@link ObjectiveLoss} with the labels list [data inputs…, weights]. */
    private static double weightedSum(JsonObject c, NDManager m, double[] weights) {
        Objective objective = GoldenCase.objective(c);
        Inputs in = GoldenCase.inputs(objective, c, m).inputs();
        NDList predictions = new NDList();
        NDList labels = new NDList();
        List<String> layout = new ArrayList<>();
        for (InputSpec s : objective.inputs()) {
            if (!in.has(s.name())) {
                continue;
            }
            if (s.trained()) {
                predictions.add(in.get(s.name()));
            } else {
                labels.add(in.get(s.name()));
                layout.add(s.name());
            }
        }
        labels.add(m.create(weights));
        layout.add(InputNames.WEIGHTS);
        ObjectiveLoss loss = new ObjectiveLoss(objective, Reduction.SUM).withLabels(layout.toArray(new String[0]));
        NDArray value = loss.evaluate(labels, predictions);
        return value.getDouble();
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
