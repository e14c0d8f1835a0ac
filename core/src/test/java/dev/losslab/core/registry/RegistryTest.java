package dev.losslab.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RegistryTest {
    private final Registry registry = Registry.defaults();

    @Test
    void listsTheFoundationLosses() {
        Set<String> names = registry.all().stream().map(Component::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of(
                "cross-entropy", "label-smoothing", "focal", "comp-sum", "sum-exponential", "gce", "mae", "ldr-kl")), names.toString());
    }

    @Test
    void presetsEqualCompSum() {
        double gce = Evaluation.meanOf(registry.objective("gce", Map.of("q", "0.5")), Fixtures.H, Fixtures.Y);
        double tau = Evaluation.meanOf(registry.objective("comp-sum", Map.of("tau", 1.5)), Fixtures.H, Fixtures.Y);
        assertEquals(tau, gce, 1e-15);
        Fixtures.assertClose(0.6693601054624537, Evaluation.meanOf(registry.objective("mae", Map.of()), Fixtures.H, Fixtures.Y), 1e-12);
        Fixtures.assertClose(13.822728916781605, Evaluation.meanOf(registry.objective("sum-exponential", Map.of()), Fixtures.H, Fixtures.Y), 1e-12);
    }

    @Test
    void defaultsAreTheSpecsAndTheOfficialLdrForm() {
        Objective ldr = registry.objective("ldr-kl", Map.of());
        Fixtures.assertClose(-0.2723214161679451, Evaluation.meanOf(ldr, Fixtures.H, Fixtures.Y), 1e-12);
    }

    @Test
    void errorsNameTheParameter() {
        InvalidArgumentException unknown = assertThrows(InvalidArgumentException.class, () -> registry.objective("focal", Map.of("alpha", "1")));
        assertEquals("alpha", unknown.argument());
        InvalidArgumentException range = assertThrows(InvalidArgumentException.class, () -> registry.objective("gce", Map.of("q", "0")));
        assertEquals("q", range.argument());
        assertTrue(range.getMessage().contains("(0, 1]"), range.getMessage());
        InvalidArgumentException choice = assertThrows(InvalidArgumentException.class, () -> registry.objective("ldr-kl", Map.of("normalize", "l2")));
        assertEquals("normalize", choice.argument());
        assertEquals("name", assertThrows(InvalidArgumentException.class, () -> registry.objective("nope", Map.of())).argument());
    }

    @Test
    void namesAreKebabCaseAndEveryLossHasAFamily() {
        for (Component<?> c : registry.all()) {
            assertTrue(c.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), c.name());
            assertTrue(!c.family().isBlank() && !c.summary().isBlank(), c.name());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new Component<>("Bad_Name", Kind.LOSS, "x", java.util.List.of(), "s", java.util.List.of(), p -> null));
    }

    /** From losslab-core alone, an optimizer name says which artifact registers it. */
    @org.junit.jupiter.api.Test
    void unknownNameSaysWhereOptimizersLive() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Registry.defaults().get("adam"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("losslab-train"), e.getMessage());
    }
}
