package dev.losslab.lab.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spec 41 worked examples 1–3. */
class DeepKernelsTest {

    @Test
    void singularExponentsGolden() {
        assertEquals(1, DualActivation.named("2d_opt").singularExponent(), 1e-12);
        assertEquals(2, DualActivation.named("3d_opt").singularExponent(), 1e-12);
        assertEquals(4, DualActivation.named("5d_opt").singularExponent(), 1e-12);
        assertEquals(8, DualActivation.named("9d_opt").singularExponent(), 1e-12);
        assertEquals(1.18556577, DualActivation.named("sine_1").singularExponent(), 1e-8);
        assertEquals(1.99995816, DualActivation.named("sine_2.676").singularExponent(), 1e-8);
        assertEquals(3.99999829, DualActivation.named("sine_6.13539").singularExponent(), 1e-8);
        assertEquals(7.99997773, DualActivation.named("sine_13.8258").singularExponent(), 1e-8);
        assertEquals(0.88821465, DualActivation.erf().singularExponent(), 1e-8);
        assertEquals(0.91358284, DualActivation.erf().derivative(0), 1e-8);
        assertEquals(Double.POSITIVE_INFINITY, DualActivation.named("hermite_2").singularExponent());
        assertEquals(0.31830989, DualActivation.relu().value(0), 1e-8);
        for (String n : new String[] {"2d_opt", "3d_opt", "5d_opt", "9d_opt", "sine_2.676", "erf", "relu", "hermite_3"}) {
            assertEquals(1, DualActivation.named(n).value(1), 1e-12, n + ": ǒ(1) = 1");
        }
    }

    @Test
    void kernelsGolden() {
        double[][] x = {{1, 0, 0}, {0, 1, 0}, {0.6, 0.8, 0}};
        double[][] g = DeepKernels.gram(x, x);
        DualActivation opt3 = DualActivation.named("3d_opt");
        assertArrayEquals(new double[] {1, 0, 0.408}, DeepKernels.nngp(g, 1, opt3)[0], 1e-12);
        assertArrayEquals(new double[] {3, 0, 1.032}, DeepKernels.ntk(g, 1, opt3)[0], 1e-12);
        assertArrayEquals(new double[] {1, 0, 0.03205600113904745}, DeepKernels.nngp(g, 5, opt3)[0], 1e-12);
        assertArrayEquals(new double[] {63, 0, 0.25454076}, DeepKernels.ntk(g, 5, opt3)[0], 1e-8);
        assertArrayEquals(new double[] {1, 0, 0.493108}, DeepKernels.nngp(g, 3, DualActivation.erf())[0], 1e-6);
        assertArrayEquals(new double[] {5.56945926, 0, 2.12691867}, DeepKernels.ntk(g, 3, DualActivation.erf())[0], 1e-8);
    }

    @Test
    void classifiersGolden() {
        double[][] x = {{1, 0, 0}, {0, 1, 0}, {0.6, 0.8, 0}};
        double[] y = {1, -1, 1};
        double[][] q = {{0.8, 0, 0.6}, {0, 0.8, 0.6}};
        DualActivation opt3 = DualActivation.named("3d_opt");
        double[][] k = DeepKernels.nngp(DeepKernels.gram(x, x), 5, opt3);
        double[][] kq = DeepKernels.nngp(DeepKernels.gram(q, x), 5, opt3);
        assertArrayEquals(new double[] {0.07926805, 0, 0.0207575}, kq[0], 1e-8);
        KernelInterpolationClassifier c = KernelInterpolationClassifier.fit(k, y);
        assertArrayEquals(new double[] {0.09848506053716181, -0.04643502538168312}, c.decision(kq), 1e-12);
        assertArrayEquals(new double[] {1, -1}, c.predict(kq));
        assertArrayEquals(new double[] {2.96153846, -0.61111111}, ReferenceClassifiers.hilbertScores(DeepKernels.gram(q, x), y, 2), 1e-8);
    }

    /** Dirichlet data: exactly ⌊0.4·n⌋ positives, unit-norm points, and log Γ accurate. */
    @Test
    void dirichletSphereData() {
        DirichletSphereData.Sample s = DirichletSphereData.forDimension(5).sample(1000, new Random(0));
        assertEquals(400, java.util.Arrays.stream(s.y()).filter(v -> v > 0).count());
        for (double[] p : s.x()) {
            assertEquals(1, java.util.Arrays.stream(p).map(v -> v * v).sum(), 1e-12);
            assertTrue(java.util.Arrays.stream(p).allMatch(v -> v > 0));
        }
        assertEquals(Math.log(24), DirichletSphereData.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), DirichletSphereData.logGamma(0.5), 1e-13);
        double mean = 0;
        Random r = new Random(1);
        for (int i = 0; i < 20000; i++) {
            mean += DirichletSphereData.gamma(0.5, r) / 20000;
        }
        assertEquals(0.5, mean, 0.02, "Gamma(0.5) has mean 0.5");
    }
}
