package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static dev.losslab.core.preference.PairEval.assertFiniteDifferences;
import static dev.losslab.core.preference.PairEval.eval;
import static dev.losslab.core.preference.PairEval.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InputNames;
import dev.losslab.core.preference.PairEval.Result;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Registry;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 12's worked examples for cDPO, rDPO and IPO, TRL's hinge and IPO length normalisation, gradients, identities and bad input. */
class PairedPreferenceLossesTest {

    private static void golden(Objective loss, double[] in, double value, double g) {
        Result r = one(loss, in);
        assertClose(value, r.mean(), 1e-9);
        assertClose(g, r.gradChosen()[0], 1e-9);
        assertClose(-g, r.gradRejected()[0], 1e-9);
    }

    static final double[] A = {-12, -14, -12.5, -13};
    static final double[] B = {-30, -25, -31, -24};
    static final double[] C = {-5, -9, -6, -6};

    @Test
    void specTwelveWorkedExamples() {
        golden(new ConservativeDpo(0.1, 0.1), A, 0.6359570478, -0.03625701547);
        golden(new RobustDpo(0.1, 0.1), A, 0.6022070478, -0.05875701547);
        golden(new Ipo(0.1, false), A, 12.25, -7);
        golden(new ConservativeDpo(0.5, 0.2), B, 0.5132616875, -0.03447071068);
        golden(new RobustDpo(0.5, 0.2), B, -0.02007164582, -0.3011373774);
        golden(new Ipo(0.5, false), B, 1, 2);
        golden(new ConservativeDpo(1, 0.3), C, 1.218149928, 0.28201379);
        golden(new RobustDpo(1, 0.3), C, -2.981850072, -0.76798621);
        golden(new Ipo(1, false), C, 12.25, 7);
    }

    /** TRL's hinge: relu(1 − βΔ), gradient −β inside the margin. */
    @Test
    void slicHinge() {
        golden(new SlicHinge(0.1, Divergence.REVERSE_KL, 0.5), A, 0.85, -0.1);
        golden(new SlicHinge(0.25, Divergence.REVERSE_KL, 0.5), B, 0.5, -0.25);
        golden(new SlicHinge(1, Divergence.REVERSE_KL, 0.5), C, 0, 0);
    }

    /** TRL's IPO divides each log-ratio by its token count: A with lengths 3 and 5, computed by hand from TRL's formula. */
    @Test
    void ipoLengthNormalisedAsTrl() {
        Result r = eval(new Ipo(0.1, true), new double[] {A[0]}, new double[] {A[1]}, new double[] {A[2]}, new double[] {A[3]},
                new double[] {3}, new double[] {5});
        assertClose(21.467777777777773, r.mean(), 1e-12);
        assertClose(-3.0888888888888886, r.gradChosen()[0], 1e-12);
        assertClose(1.853333333333333, r.gradRejected()[0], 1e-12);
        Result unit = eval(new Ipo(0.1, true), new double[] {A[0]}, new double[] {A[1]}, new double[] {A[2]}, new double[] {A[3]},
                new double[] {1}, new double[] {1});
        assertClose(12.25, unit.mean(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        double[] c = {-3.2, -10.5, -0.4};
        double[] r = {-4.1, -9.0, -7.7};
        double[] rc = {-3.0, -11.0, -1.0};
        double[] rr = {-4.5, -8.0, -6.0};
        double[] lc = {2, 7, 3};
        double[] lr = {4, 1, 5};
        for (Objective loss : List.of(new ConservativeDpo(0.7, 0.2), new RobustDpo(0.7, 0.2), new Ipo(0.3, true), new Ipo(0.3, false),
                new SlicHinge(0.2, Divergence.REVERSE_KL, 0.5), new Dpo(0.7, Divergence.FORWARD_KL, 0.5), new Dpo(0.7, Divergence.JS, 0.5),
                new RobustDpo(0.7, 0.2, Divergence.ALPHA, 0.3))) {
            boolean withLengths = loss instanceof Ipo && loss.inputs().size() == 6;
            double[][] len = withLengths ? new double[][] {lc, lr} : new double[0][];
            assertFiniteDifferences(loss, c, r, rc, rr, len);
        }
    }

    /** Spec 12: (1−ε)·rDPO(h) + ε·rDPO(−h) = DPO(h) (to 1e-12), for the spec's three examples and any margin. */
    @Property(tries = 60)
    void robustDpoIsUnbiased(@ForAll @DoubleRange(min = -60, max = 60) double h, @ForAll @DoubleRange(min = 0, max = 0.45) double eps) {
        RobustDpo rdpo = new RobustDpo(0.5, eps);
        double given = one(rdpo, new double[] {h, 0, 0, 0}).mean();
        double swapped = one(rdpo, new double[] {0, h, 0, 0}).mean();
        assertClose(one(new Dpo(0.5), new double[] {h, 0, 0, 0}).mean(), (1 - eps) * given + eps * swapped, 1e-12);
    }

    @Test
    void unbiasedOnSpecExamples() {
        double[][] inputs = {A, B, C};
        double[] betas = {0.1, 0.5, 1.0};
        double[] eps = {0.1, 0.2, 0.3};
        double[] dpo = {0.6209570478, 0.3132616875, 0.01814992792};
        for (int k = 0; k < 3; k++) {
            double[] in = inputs[k];
            double[] swapped = {in[1], in[0], in[3], in[2]};
            RobustDpo r = new RobustDpo(betas[k], eps[k]);
            assertClose(dpo[k], (1 - eps[k]) * one(r, in).mean() + eps[k] * one(r, swapped).mean(), 1e-9);
        }
    }

    /** ε = 0: cdpo = rdpo = dpo exactly; the divergence transforms reduce to reverse-KL where TRL says (alpha → 1). */
    @Property(tries = 40)
    void limits(@ForAll @DoubleRange(min = -30, max = 30) double c, @ForAll @DoubleRange(min = -30, max = 30) double r) {
        double[] in = {c, r, -1.5, 2.5};
        double dpo = one(new Dpo(0.3), in).mean();
        assertEquals(dpo, one(new ConservativeDpo(0.3, 0), in).mean(), 1e-15 * Math.max(1, dpo));
        assertEquals(dpo, one(new RobustDpo(0.3, 0), in).mean(), 1e-15 * Math.max(1, dpo));
        assertEquals(dpo, one(new Dpo(0.3, Divergence.ALPHA, 1 + 1e-9), in).mean(), 0);
    }

    /** The score transforms against their closed forms on the host: forward-KL −e^{−r}, JS log σ(r), alpha e^{(α−1)r}/(α−1). */
    @Test
    void divergenceScores() {
        double rc = 0.8;
        double rr = -0.4;
        double[] in = {rc, rr, 0, 0};
        double beta = 0.5;
        double fwd = -Math.exp(-rc) + Math.exp(-rr);
        double js = -Math.log1p(Math.exp(-rc)) + Math.log1p(Math.exp(-rr));
        double a = 0.3;
        double alpha = (Math.exp((a - 1) * rc) - Math.exp((a - 1) * rr)) / (a - 1);
        assertClose(Math.log1p(Math.exp(-beta * fwd)), one(new Dpo(beta, Divergence.FORWARD_KL, 0.5), in).mean(), 1e-12);
        assertClose(Math.log1p(Math.exp(-beta * js)), one(new Dpo(beta, Divergence.JS, 0.5), in).mean(), 1e-12);
        assertClose(Math.log1p(Math.exp(-beta * alpha)), one(new Dpo(beta, Divergence.ALPHA, a), in).mean(), 1e-12);
    }

    /** Margins of ±1e4: finite values accurate to 1e-6 relative, finite gradients; rDPO's slope floor β·ε/(1−2ε) at large margins. */
    @Test
    void confidentMargins() {
        for (Objective loss : List.of(new ConservativeDpo(1, 0.1), new RobustDpo(1, 0.1))) {
            Result r = eval(loss, new double[] {1e4, -1e4}, new double[] {0, 0}, new double[] {0, 0}, new double[] {0, 0});
            assertTrue(Double.isFinite(r.per()[0]) && Double.isFinite(r.per()[1]) && Double.isFinite(r.gradChosen()[0]) && Double.isFinite(r.gradChosen()[1]));
        }
        Result cdpo = eval(new ConservativeDpo(1, 0.1), new double[] {1e4}, new double[] {0}, new double[] {0}, new double[] {0});
        assertClose(0.1 * 1e4, cdpo.mean(), 1e-6);
        Result rdpo = eval(new RobustDpo(1, 0.1), new double[] {1e4}, new double[] {0}, new double[] {0}, new double[] {0});
        assertClose(-0.1 * 1e4 / 0.8, rdpo.mean(), 1e-6);
        assertClose(-0.1 / 0.8, rdpo.gradChosen()[0], 1e-12);
        Result far = eval(new RobustDpo(1, 0.1), new double[] {-700}, new double[] {0}, new double[] {0}, new double[] {0});
        assertClose(0.9 * 700 / 0.8, far.mean(), 1e-6);
    }

    @Test
    void badInputNamesTheArgument() {
        assertEquals("epsilon", assertThrows(InvalidArgumentException.class, () -> new RobustDpo(0.1, 0.5)).argument());
        assertEquals("epsilon", assertThrows(InvalidArgumentException.class, () -> new ConservativeDpo(0.1, -0.1)).argument());
        assertEquals("beta", assertThrows(InvalidArgumentException.class, () -> new Ipo(0, true)).argument());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> eval(new Ipo(0.1, true), new double[] {1}, new double[] {1},
                new double[] {1}, new double[] {1}, new double[] {0}, new double[] {2}));
        assertEquals(InputNames.CHOSEN_LENGTHS, e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> eval(new Ipo(0.1, true), new double[] {1}, new double[] {1},
                new double[] {1}, new double[] {1}));
        assertEquals(InputNames.CHOSEN_LENGTHS, e.argument());
        e = assertThrows(InvalidArgumentException.class, () -> eval(new RobustDpo(0.1, 0.1), new double[] {1, 2}, new double[] {1, 2},
                new double[] {1}, new double[] {1, 2}));
        assertEquals(InputNames.REF_CHOSEN_LOGPS, e.argument());
    }

    @Test
    void registeredNamesAndDefaults() {
        Registry reg = Registry.defaults();
        assertClose(0.6022070478, one(reg.objective("rdpo", Map.of()), A).mean(), 1e-9);
        assertClose(0.6359570478, one(reg.objective("cdpo", Map.of()), A).mean(), 1e-9);
        assertClose(12.25, one(reg.objective("ipo", Map.of("length_normalized", false)), A).mean(), 1e-12);
        assertClose(0.85, one(reg.objective("slic-hinge", Map.of()), A).mean(), 1e-12);
        assertEquals(6, reg.objective("ipo", Map.of()).inputs().size(), "TRL's default IPO needs the token counts");
    }
}
