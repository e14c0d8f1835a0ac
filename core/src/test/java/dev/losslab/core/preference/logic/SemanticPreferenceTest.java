package dev.losslab.core.preference.logic;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.BcoPair;
import dev.losslab.core.preference.ConservativeDpo;
import dev.losslab.core.preference.Divergence;
import dev.losslab.core.preference.Dpo;
import dev.losslab.core.preference.PairEval;
import dev.losslab.core.preference.PairEval.Result;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Spec 56's WMC worked example and identities: the DPO, bco_pair and cDPO structures, gradients, formulas and the enumeration count. */
class SemanticPreferenceTest {
    static final double[] S = {-10, -12, -11, -11.5};
    static final Formula WIN = SemanticPreference.CORES.get("w-and-not-l");
    static final Formula ONE = Formula.exactlyOne(2);
    static final Formula TRUE = Formula.constant(true, 2);
    static final Divergence KL = Divergence.REVERSE_KL;

    static double one(Objective loss, double[] in) {
        return PairEval.eval(loss, new double[] {in[0]}, new double[] {in[1]}, new double[] {in[2]}, new double[] {in[3]}).mean();
    }

    /** p_w = σ(0.1), p_l = σ(−0.05): P(F | C) = 0.5374298453, −log 0.6209570478 (DPO); unconditioned 1.312856308; mixture 0.6359570478. */
    @Test
    void specFiftySixWmcExample() {
        double[] p = {1 / (1 + Math.exp(-0.1)), 1 / (1 + Math.exp(0.05))};
        assertClose(0.5374298453, SemanticLoss.probability(WIN, ONE, p), 1e-10);
        assertClose(0.6209570478, one(new SemanticPreference(0.1, WIN, ONE, 0, KL, 0.5), S), 1e-10);
        assertClose(1.312856308, one(new SemanticPreference(0.1, WIN, TRUE, 0, KL, 0.5), S), 1e-9);
        assertClose(0.6359570478, one(new SemanticPreference(0.1, WIN, ONE, 0.1, KL, 0.5), S), 1e-10);
    }

    /** The three structures equal the catalog losses (values to 1e-10) for any log-probs and β. */
    @Property(tries = 200)
    void structuresReproduceTheCatalog(@ForAll @DoubleRange(min = -60, max = 0) double pc, @ForAll @DoubleRange(min = -60, max = 0) double pr,
            @ForAll @DoubleRange(min = -60, max = 0) double rc, @ForAll @DoubleRange(min = -60, max = 0) double rr,
            @ForAll @DoubleRange(min = 0.01, max = 2) double beta) {
        double[] in = {pc, pr, rc, rr};
        assertClose(one(new Dpo(beta), in), one(new SemanticPreference(beta, WIN, ONE, 0, KL, 0.5), in), 1e-10);
        assertClose(one(new BcoPair(beta, KL, 0.5), in), one(new SemanticPreference(beta, WIN, TRUE, 0, KL, 0.5), in), 1e-10);
        assertClose(one(new ConservativeDpo(beta, 0.2), in), one(new SemanticPreference(beta, WIN, ONE, 0.2, KL, 0.5), in), 1e-10);
    }

    @Test
    void gradientsEqualDposAndFiniteDifferences() {
        double[] c = {-3.2, -10.5, -0.4};
        double[] r = {-4.1, -9.0, -7.7};
        double[] rc = {-3.0, -11.0, -1.0};
        double[] rr = {-4.5, -8.0, -6.0};
        Result dpo = PairEval.eval(new Dpo(0.7), c, r, rc, rr);
        SemanticPreference structure = new SemanticPreference(0.7, WIN, ONE, 0, KL, 0.5);
        Result sl = PairEval.eval(structure, c, r, rc, rr);
        assertClose(dpo.gradChosen(), sl.gradChosen(), 1e-12);
        assertClose(dpo.gradRejected(), sl.gradRejected(), 1e-12);
        SemanticPreference other = new SemanticPreference(0.7, SemanticPreference.CORES.get("not-l"), TRUE, 0.3, KL, 0.5);
        PairEval.assertFiniteDifferences(other, c, r, rc, rr);
    }

    @Test
    void formulas() {
        Formula w = Formula.var(0, 2);
        Formula l = Formula.var(1, 2);
        assertEquals(0b0100, l.and(w.not()).table());
        assertEquals(0b0010, WIN.table());
        assertEquals(0b0110, ONE.table());
        assertEquals(l.and(w.not()), WIN.swap(0, 1));
        assertEquals(16, Formula.allTables(2).count());
        assertEquals(65536, Formula.allTables(4).count());
    }

    /**
     * Spec 56: of the 16 × 15 pairs (F, C ≠ false) over (M_w, M_l), exactly 4 give DPO's probability
     * σ(logit p_w − logit p_l) on 20 random probes: C = exactly-one and F true on (w, ¬l), false on (¬w, l).
     */
    @Test
    void exactlyFourStructuresAreDpo() {
        Random r = new Random(0);
        double[][] probes = new double[20][];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = new double[] {0.05 + 0.9 * r.nextDouble(), 0.05 + 0.9 * r.nextDouble()};
        }
        long count = Formula.allTables(2).boxed().flatMap(f -> Formula.allTables(2).filter(c -> c != 0).mapToObj(c -> new long[] {f, c}))
                .filter(fc -> {
                    Formula f = new Formula(2, fc[0]);
                    Formula c = new Formula(2, fc[1]);
                    for (double[] p : probes) {
                        double dpo = 1 / (1 + Math.exp(-(Math.log(p[0] / (1 - p[0])) - Math.log(p[1] / (1 - p[1])))));
                        if (f.and(c).isFalse() || Math.abs(SemanticLoss.probability(f, c, p) - dpo) > 1e-12) {
                            return false;
                        }
                    }
                    return true;
                }).count();
        assertEquals(4, count);
    }

    @Test
    void badArguments() {
        assertEquals("epsilon", assertThrows(InvalidArgumentException.class, () -> new SemanticPreference(0.1, WIN, ONE, 0.5, KL, 0.5)).argument());
        assertThrows(IllegalArgumentException.class, () -> new SemanticPreference(0.1, Formula.var(0, 3), ONE, 0, KL, 0.5));
    }
}
