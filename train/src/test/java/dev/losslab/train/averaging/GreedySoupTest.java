package dev.losslab.train.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec 45's greedy soup: with ≥ the order M2, M1, M0, M3 keeps {M2, M1, M0} (accuracy 1.0, NLL
 * 0.335691069); with > (the code) nothing is added; the incremental average equals the plain mean to
 * float32 rounding (1e-6); the soup never scores below the best model.
 */
class GreedySoupTest {
    @Test
    void spec45GreedyAtLeast() {
        GreedySoup g = new GreedySoup(false);
        StateDict soup = g.cook(SoupFixture.MODELS, SoupFixture::accuracy);
        assertEquals(List.of(2, 1, 0), g.ingredients());
        assertArrayEquals(new float[] {1.5221f, -0.786667f, -0.7637f, -0.264833f, 1.637f, -1.272467f}, soup.tensors().get("W"), 1e-6f);
        assertArrayEquals(new float[] {-0.115533f, -0.142933f, -0.122533f}, soup.tensors().get("b"), 1e-6f);
        assertEquals(1.0, SoupFixture.accuracy(soup), 0);
        assertEquals(0.335691069, SoupFixture.nll(soup), 1e-6);
        StateDict mean = new UniformSoup().cook(List.of(SoupFixture.MODELS.get(2), SoupFixture.MODELS.get(1), SoupFixture.MODELS.get(0)), m -> 0);
        assertArrayEquals(mean.tensors().get("W"), soup.tensors().get("W"), 1e-6f);
    }

    @Test
    void spec45GreedyStrictAsTheCode() {
        GreedySoup g = (GreedySoup) dev.losslab.core.registry.Registry.defaults().create("greedy-soup", dev.losslab.core.registry.Kind.AVERAGING, Soup.class,
                Map.of("accept", ">"));
        StateDict soup = g.cook(SoupFixture.MODELS, SoupFixture::accuracy);
        assertEquals(List.of(2), g.ingredients());
        assertEquals(0.307463162, SoupFixture.nll(soup), 1e-6);
    }

    /** Ties keep the lower index first (a stable sort); the soup's validation score is at least the best model's. */
    @Test
    void tiesAndMonotonicity() {
        GreedySoup g = new GreedySoup(false);
        StateDict soup = g.cook(List.of(SoupFixture.MODELS.get(3), SoupFixture.MODELS.get(0), SoupFixture.MODELS.get(0)), SoupFixture::accuracy);
        assertEquals(1, g.ingredients().get(0));
        assertTrue(SoupFixture.accuracy(soup) >= 0.75);
    }
}
