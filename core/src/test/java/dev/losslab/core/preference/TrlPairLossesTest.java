package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static dev.losslab.core.preference.PairEval.assertFiniteDifferences;
import static dev.losslab.core.preference.PairEval.eval;
import static dev.losslab.core.preference.PairEval.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.PairEval.Result;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rest of TRL's DPO loss types against spec 56's worked example (pc −10, pr −12, rc −11,
 * rr −11.5: c = 1, r = −0.5, Δ = 1.5, β = 0.1, ε = 0.1, Lc = 5, Lr = 4), finite differences,
 * AOT's batch-permutation invariance, and confident margins.
 */
class TrlPairLossesTest {
    static final double[] S = {-10, -12, -11, -11.5};
    static final Divergence KL = Divergence.REVERSE_KL;

    @Test
    void specFiftySixWorkedExample() {
        assertClose(0.4313884572, one(new ExoPair(0.1, 0.1, KL, 0.5), S).mean(), 1e-9);
        assertClose(1.350824814, one(new NcaPair(0.1, KL, 0.5), S).mean(), 1e-9);
        assertClose(1.312856308, one(new BcoPair(0.1, KL, 0.5), S).mean(), 1e-9);
        assertClose(36.25, one(new SppoHard(0.1, KL, 0.5), S).mean(), 1e-12);
        assertClose(0.962523416, one(new ApoZero(0.1), S).mean(), 1e-9);
        assertClose(0.9875493421, one(new ApoDown(0.1, KL, 0.5), S).mean(), 1e-9);
        assertClose(0.8493375793, one(new Discopop(0.1, 0.05, KL, 0.5), S).mean(), 1e-9);
        assertClose(0.6209570478, one(new Aot(0.1, 0), S).mean(), 1e-9);
        assertClose(0.6209570478, one(new AotUnpaired(0.1, 0), S).mean(), 1e-9);
        Result norm = eval(new SigmoidNorm(0.1, KL, 0.5), new double[] {S[0]}, new double[] {S[1]}, new double[] {S[2]}, new double[] {S[3]},
                new double[] {5}, new double[] {4});
        assertClose(0.677029206, norm.mean(), 1e-9);
    }

    /** Every loss of this class; {@code transformed} puts JS and forward-KL scores on two of them. */
    static List<Objective> all(boolean transformed) {
        return List.of(new ExoPair(0.4, 0.2, KL, 0.5), new NcaPair(0.4, transformed ? Divergence.JS : KL, 0.5), new BcoPair(0.4, KL, 0.5),
                new SppoHard(0.4, KL, 0.5), new ApoZero(0.4), new ApoDown(0.4, transformed ? Divergence.FORWARD_KL : KL, 0.5),
                new Discopop(0.4, 0.05, KL, 0.5), new Aot(0.4, 0.1), new AotUnpaired(0.4, 0.1), new SigmoidNorm(0.4, KL, 0.5));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] c = {-3.2, -10.5, -0.4};
        double[] r = {-4.1, -9.0, -7.7};
        double[] rc = {-3.0, -11.0, -1.0};
        double[] rr = {-4.5, -8.0, -6.0};
        double[][] len = {{2, 7, 3}, {4, 1, 5}};
        for (Objective loss : all(true)) {
            double[][] l = loss.inputs().size() == 6 ? len : new double[0][];
            assertFiniteDifferences(loss, c, r, rc, rr, l);
        }
    }

    /** AOT sorts over the batch: permuting the rows leaves the per-sample values (which belong to sorted positions) unchanged. */
    @Test
    void aotIsPermutationInvariant() {
        double[] c = {-3.2, -10.5, -0.4, -6};
        double[] r = {-4.1, -9.0, -7.7, -2};
        double[] rc = {-3.0, -11.0, -1.0, -5};
        double[] rr = {-4.5, -8.0, -6.0, -3};
        int[] perm = {2, 0, 3, 1};
        for (Objective loss : List.of(new Aot(0.5, 0.1), new AotUnpaired(0.5, 0.1))) {
            Result a = eval(loss, c, r, rc, rr);
            Result b = eval(loss, permute(c, perm), permute(r, perm), permute(rc, perm), permute(rr, perm));
            assertClose(a.per(), b.per(), 1e-15);
        }
    }

    private static double[] permute(double[] v, int[] perm) {
        return Arrays.stream(perm).mapToDouble(i -> v[i]).toArray();
    }

    /**
     * Log-ratios of ±1e4 give finite values and gradients on reverse-KL scores (DiscoPOP's e^{−z} computed
     * in log space; forward-KL's −e^{−r} overflows there by definition, in TRL too); β·Δ = −1e4 gives 1e4 to 1e-6.
     */
    @Test
    void confidentMargins() {
        for (Objective loss : all(false)) {
            double[][] l = loss.inputs().size() == 6 ? new double[][] {{1, 1}, {1, 1}} : new double[0][];
            Result r = eval(loss, new double[] {1e4, -1e4}, new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0}, l);
            assertTrue(Arrays.stream(r.per()).allMatch(Double::isFinite) && Arrays.stream(r.gradChosen()).allMatch(Double::isFinite)
                    && Arrays.stream(r.gradRejected()).allMatch(Double::isFinite), loss.name() + " " + Arrays.toString(r.per()));
        }
        Result far = eval(new Discopop(1, 0.05, KL, 0.5), new double[] {-1e4}, new double[] {0}, new double[] {0}, new double[] {0});
        assertClose(1e4, far.mean(), 1e-6);
    }

    @Test
    void badHyperparametersNameTheArgument() {
        assertEquals("epsilon", assertThrows(InvalidArgumentException.class, () -> new ExoPair(0.1, 0, KL, 0.5)).argument());
        assertEquals("epsilon", assertThrows(InvalidArgumentException.class, () -> new Aot(0.1, 0.5)).argument());
        assertEquals("tau", assertThrows(InvalidArgumentException.class, () -> new Discopop(0.1, 0, KL, 0.5)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> new ApoZero(-1)).argument());
    }
}
