package dev.losslab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bench compares each loss with "the same formula in PyTorch eager": this checks that the
 * script's formulas are the same, value and gradient in float64, for every classification loss on
 * [N, C] logits, at the parameters the bench uses. Skipped when no Python imports torch.
 */
class TorchFormulasTest {
    /** Classification losses the script has no formula for, and why. */
    private static final Set<String> WITHOUT_FORMULA = Set.of(
            "adv-comp-sum", // an inner PGD attack per evaluation, not a closed formula
            "dro-temperature-ce"); // trains a second input (the temperatures)

    @Test
    void everyClassificationLossHasTheSameFormulaInPyTorch() throws Exception {
        String python = TorchReference.findPython(null);
        Assumptions.assumeTrue(python != null, "skipped: no Python with torch (LOSSLAB_PYTHON, python3, /usr/bin/python3; Debian: apt-get install python3-torch)");
        Registry registry = Registry.defaults();
        List<String> names = new ArrayList<>();
        for (Component<?> c : registry.all()) {
            if (c.kind() == Kind.LOSS && c.family().equals("classification") && !WITHOUT_FORMULA.contains(c.name())
                    && registry.objective(c.name(), Map.of()) instanceof ClassificationObjective) {
                names.add(c.name());
            }
        }
        assertTrue(names.size() >= 25, names.toString());
        Random random = new Random(3);
        double[][] logits = new double[6][7];
        int[] labels = new int[6];
        for (int i = 0; i < logits.length; i++) {
            labels[i] = random.nextInt(7);
            for (int j = 0; j < 7; j++) {
                logits[i][j] = 2 * random.nextGaussian();
            }
        }
        Map<String, TorchReference.Reference> torch = TorchReference.check(python, names, logits, labels);
        for (String name : names) {
            TorchReference.Reference ref = torch.get(name);
            assertTrue(ref != null, name + ": no formula in torch_losses.py");
            Objective o = registry.objective(name, BenchCommand.PARAMS.getOrDefault(name, Map.of()));
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray x = m.create(logits);
                x.setRequiresGradient(true);
                double value;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray mean = o.mean(Inputs.of("logits", x, "labels", m.create(labels).toType(ai.djl.ndarray.types.DataType.INT64, false)));
                    value = mean.getDouble();
                    gc.backward(mean);
                }
                assertEquals(ref.value(), value, 1e-12 * Math.max(1, Math.abs(value)), name + " value");
                double[] grad = x.getGradient().toDoubleArray();
                for (int i = 0; i < logits.length; i++) {
                    for (int j = 0; j < 7; j++) {
                        assertEquals(ref.grad()[i][j], grad[i * 7 + j], 1e-12, name + " gradient [" + i + "][" + j + "]");
                    }
                }
            }
        }
    }
}
