package dev.losslab.train.averaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 45's uniform soup (weights, accuracy, NLL); the soup of identical models is that model; mismatched models are refused. */
class UniformSoupTest {
    @Test
    void spec45UniformSoup() {
        StateDict soup = new UniformSoup().cook(SoupFixture.MODELS, m -> 0);
        assertArrayEquals(new float[] {1.016575f, -0.29f, -0.747775f, 0.176375f, 1.02775f, -1.12935f}, soup.tensors().get("W"), 1e-6f);
        assertArrayEquals(new float[] {-0.08665f, -0.1072f, -0.0919f}, soup.tensors().get("b"), 1e-6f);
        assertEquals(0.875, SoupFixture.accuracy(soup), 0);
        assertEquals(0.485164778, SoupFixture.nll(soup), 1e-6);
        assertEquals(0.443309078, SoupFixture.nll(SoupFixture.MODELS.get(0)), 1e-6);
    }

    @Test
    void soupOfIdenticalModelsIsTheModel() {
        StateDict m = SoupFixture.MODELS.get(1);
        StateDict soup = new UniformSoup().cook(List.of(m, m, m), x -> 0);
        assertArrayEquals(m.tensors().get("W"), soup.tensors().get("W"), 0);
        assertThrows(IllegalArgumentException.class, () -> new UniformSoup().cook(List.of(m, SoupFixture.model(new float[6], new float[2])), x -> 0));
    }
}
