package dev.losslab.core.classification.robust;

import static dev.losslab.core.Fixtures.H;
import static dev.losslab.core.Fixtures.Y;
import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.Evaluation;
import dev.losslab.core.Fixtures;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.classification.softmax.CrossEntropy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 09 worked examples 1 and 2, limits and properties. */
class LdrKlTest {
    private static final ScoreNormalization RAW = ScoreNormalization.NONE;

    @Test
    void rawScoresGolden() {
        assertClose(new double[] {-0.90892633, -0.85610009, 2.08764097}, Evaluation.of(new LdrKl(1, 0, RAW), H, Y).perSample(), 1e-8);
        Evaluation e = Evaluation.of(new LdrKl(1, 0.1, RAW), H, Y);
        assertClose(new double[] {-0.85731036, -0.80193655, 2.18527855}, e.perSample(), 1e-8);
        assertClose(0.1753438823930117, e.mean(), 1e-12);
        assertClose(new double[] {-0.17621246, 0.0086453, 0.03874553, 0.02350035, 0.10532127}, e.grad()[0], 1e-8);
        assertClose(new double[] {-1.26613576, -1.13014931, 1.18204761}, Evaluation.of(new LdrKl(10, 0.1, RAW), H, Y).perSample(), 1e-8);
    }

    @Test
    void limitsGolden() {
        assertClose(new double[] {-0.0016094, -0.0016094, 3.59839056}, Evaluation.of(new LdrKl(1e-3, 0.1, RAW), H, Y).perSample(), 1e-7);
        assertClose(new double[] {-1.31994572, -1.17994872, 1.08009833}, Evaluation.of(new LdrKl(1e4, 0.1, RAW), H, Y).perSample(), 1e-7);
    }

    @Test
    void officialSoftplusMeanGolden() {
        Evaluation e = Evaluation.of(new LdrKl(10, 0.1, ScoreNormalization.SOFTPLUS_MEAN), H, Y);
        assertClose(new double[] {-0.7360378, -0.7908532, 0.70992675}, e.perSample(), 1e-7);
        assertClose(-0.2723214161679451, e.mean(), 1e-12);
        assertClose(new double[] {-0.15789178, 0.02669592, 0.06373154, 0.05051848, 0.08669282}, e.grad()[0], 1e-8);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Fixtures.assertGradientMatchesFiniteDifference(new LdrKl(1, 0.1, RAW), H, Y, 1e-6);
        Fixtures.assertGradientMatchesFiniteDifference(new LdrKl(10, 0.1, ScoreNormalization.SOFTPLUS_MEAN), H, Y, 1e-6);
        Fixtures.assertGradientMatchesFiniteDifference(new LdrKl(0.3, 1, RAW), H, Y, 1e-6);
    }

    @Test
    void finiteAtExtremeLogits() {
        Fixtures.assertFiniteAtExtremes(new LdrKl(10, 0.1, ScoreNormalization.SOFTPLUS_MEAN));
        Fixtures.assertFiniteAtExtremes(new LdrKl(1e-3, 0.1, RAW));
    }

    /** λ = 1, margin = 0 on raw scores equals cross-entropy − log K, for any logits scale. */
    @Property(tries = 30)
    void lambdaOneMarginZeroIsCrossEntropyMinusLogK(@ForAll @DoubleRange(min = 0.01, max = 20) double scale) {
        double[][] h = new double[H.length][];
        for (int i = 0; i < H.length; i++) {
            h[i] = java.util.Arrays.stream(H[i]).map(v -> v * scale).toArray();
        }
        double ce = Evaluation.meanOf(new CrossEntropy(), h, Y);
        assertClose(ce - Math.log(5), Evaluation.meanOf(new LdrKl(1, 0, RAW), h, Y), 1e-10);
    }

    /** λ → 0 approaches the Crammer–Singer hinge max_k(δ_k + s_k − s_y). */
    @Test
    void smallLambdaApproachesCrammerSinger() {
        double cs = 0;
        for (int i = 0; i < H.length; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < H[i].length; k++) {
                m = Math.max(m, (k == Y[i] ? 0 : 0.1) + H[i][k] - H[i][Y[i]]);
            }
            cs += m / H.length;
        }
        assertClose(cs, Evaluation.meanOf(new LdrKl(1e-4, 0.1, RAW), H, Y), 1e-3);
    }

    @Test
    void rejectsBadHyperparameters() {
        assertEquals("lambda", assertThrows(InvalidArgumentException.class, () -> new LdrKl(0, 0.1, RAW)).argument());
        assertEquals("margin", assertThrows(InvalidArgumentException.class, () -> new LdrKl(1, -1, RAW)).argument());
    }
}
