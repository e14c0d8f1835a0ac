package dev.losslab.core.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered preference loss, at its defaults: (1) the losses that read log-ratios against a
 * reference depend on the chosen side only through them, so adding one constant to a chosen
 * response's policy, reference (and previous-iterate) log-probs leaves every per-sample value
 * unchanged; (2) log-ratio margins of ±700 give finite values and gradients.
 */
class PreferenceLossInvariantsTest {
    /** Read absolute log-probs: the reference-free losses, RPO's SFT term and TRL's sft. */
    static final Set<String> ABSOLUTE = Set.of("cpo", "simpo", "orpo", "rpo", "sft");

    static Stream<String> preferenceLosses() {
        return Registry.defaults().all().stream().filter(c -> c.kind() == Kind.LOSS && c.family().equals("preference")).map(c -> c.name()).sorted();
    }

    /** Values and d(mean)/d(policy inputs) for chosen log-probs {@code c}, rejected {@code r}, references {@code rc}, {@code rr}. */
    static double[][] eval(Objective loss, double[] c, double[] r, double[] rc, double[] rr) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray chosen = m.create(c);
            NDArray rejected = m.create(r);
            chosen.setRequiresGradient(true);
            rejected.setRequiresGradient(true);
            Map<String, NDArray> in = new HashMap<>();
            for (InputSpec s : loss.inputs()) {
                switch (s.name()) {
                    case InputNames.POLICY_CHOSEN_LOGPS -> in.put(s.name(), chosen);
                    case InputNames.POLICY_REJECTED_LOGPS -> in.put(s.name(), rejected);
                    case InputNames.REF_CHOSEN_LOGPS, InputNames.PREV_CHOSEN_LOGPS -> in.put(s.name(), m.create(rc));
                    case InputNames.REF_REJECTED_LOGPS, InputNames.PREV_REJECTED_LOGPS -> in.put(s.name(), m.create(rr));
                    case InputNames.CHOSEN_LENGTHS, InputNames.REJECTED_LENGTHS -> in.put(s.name(), m.create(new double[] {3, 5}));
                    case InputNames.POLICY_KL_LOGPS -> in.put(s.name(), m.create(new double[] {-20, -31, -9}));
                    case InputNames.REF_KL_LOGPS -> in.put(s.name(), m.create(new double[] {-20.4, -30.8, -9.3}));
                    case InputNames.DEGREE_LOGITS -> in.put(s.name(), m.create(new double[][] {{1, -2, 0.5}, {3, 0, -1}}));
                    case InputNames.DEGREE_LABELS -> in.put(s.name(), m.create(new double[] {2, 0}));
                    default -> assertTrue(s.optional(), loss.name() + ": no test input for " + s.name());
                }
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray per = loss.perSample(Inputs.of(in));
                gc.backward(per.mean());
                return new double[][] {per.toDoubleArray(), PairEval.asDoubles(chosen.getGradient()), PairEval.asDoubles(rejected.getGradient())};
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preferenceLosses")
    void chosenSideShiftLeavesTheLossUnchanged(String name) {
        if (ABSOLUTE.contains(name)) {
            return;
        }
        Registry registry = Registry.defaults();
        double[] base = eval(registry.objective(name, Map.of()), new double[] {-12, -30}, new double[] {-14, -25}, new double[] {-12.5, -31},
                new double[] {-13, -24})[0];
        double[] shifted = eval(registry.objective(name, Map.of()), new double[] {-19, -37}, new double[] {-14, -25}, new double[] {-19.5, -38},
                new double[] {-13, -24})[0];
        for (int i = 0; i < base.length; i++) {
            assertEquals(base[i], shifted[i], 1e-12 * Math.max(1, Math.abs(base[i])), name + " value " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("preferenceLosses")
    void marginsOfSevenHundredStayFinite(String name) {
        double[][] r = eval(Registry.defaults().objective(name, Map.of()), new double[] {-1, -701}, new double[] {-701, -1}, new double[] {-351, -351},
                new double[] {-351, -351});
        for (double[] part : r) {
            assertTrue(Arrays.stream(part).allMatch(Double::isFinite), name + ": " + Arrays.toString(part));
        }
    }
}
