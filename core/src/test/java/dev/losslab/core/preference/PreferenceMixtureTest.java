package dev.losslab.core.preference;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.preference.PairEval.Result;
import dev.losslab.core.registry.Registry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mixture is the weighted sum of its members, shares β and the divergence, and rejects what TRL rejects. */
class PreferenceMixtureTest {
    static final double[] C = {-10, -20, -7.5};
    static final double[] R = {-12, -18, -9};
    static final double[] RC = {-11, -19, -8};
    static final double[] RR = {-11.5, -19, -8.2};
    static final double[] LC = {4, 8, 3};
    static final double[] LR = {5, 7, 3};

    static Result eval(Objective o) {
        return PairEval.eval(o, C, R, RC, RR, LC, LR);
    }

    @Test
    void mpoIsTheWeightedSumOfItsMembers() {
        Registry registry = Registry.defaults();
        Result mix = eval(registry.objective("preference-mixture", Map.of("loss_type", "dpo,bco-pair,sft", "loss_weights", "0.8,0.2,1", "beta", 0.3)));
        Result dpo = eval(registry.objective("dpo", Map.of("beta", 0.3)));
        Result bco = eval(registry.objective("bco-pair", Map.of("beta", 0.3)));
        Result sft = eval(registry.objective("sft", Map.of()));
        assertClose(0.8 * dpo.mean() + 0.2 * bco.mean() + sft.mean(), mix.mean(), 1e-13);
        for (int i = 0; i < C.length; i++) {
            assertClose(0.8 * dpo.per()[i] + 0.2 * bco.per()[i] + sft.per()[i], mix.per()[i], 1e-13);
            assertClose(0.8 * dpo.gradChosen()[i] + 0.2 * bco.gradChosen()[i] + sft.gradChosen()[i], mix.gradChosen()[i], 1e-12);
            assertClose(0.8 * dpo.gradRejected()[i] + 0.2 * bco.gradRejected()[i], mix.gradRejected()[i], 1e-12);
        }
        assertClose(2.5, sft.mean(), 1e-15);
    }

    @Test
    void oneMemberWithoutWeightsIsThatLossAndTheDivergenceIsShared() {
        Registry registry = Registry.defaults();
        Map<String, Object> js = Map.of("divergence", "js", "beta", 0.2);
        Result mix = eval(registry.objective("preference-mixture", Map.of("loss_type", "ipo", "divergence", "js", "beta", 0.2)));
        assertClose(eval(registry.objective("ipo", js)).mean(), mix.mean(), 1e-13);
        Result jsMix = eval(registry.objective("preference-mixture", Map.of("loss_type", "dpo,dpo", "divergence", "js", "beta", 0.2)));
        assertClose(2 * eval(registry.objective("dpo", js)).mean(), jsMix.mean(), 1e-13);
    }

    @Test
    void finiteDifferences() {
        PairEval.assertFiniteDifferences(Registry.defaults().objective("preference-mixture", Map.of("loss_type", "dpo,bco-pair,sft,ipo", "loss_weights", "0.8,0.2,1,0.5")),
                C, R, RC, RR, LC, LR);
    }

    @Test
    void badMixturesNameTheArgument() {
        Registry registry = Registry.defaults();
        assertEquals("loss_weights", assertThrows(InvalidArgumentException.class,
                () -> registry.objective("preference-mixture", Map.of("loss_type", "dpo,sft", "loss_weights", "1"))).argument());
        assertEquals("loss_weights", assertThrows(InvalidArgumentException.class,
                () -> registry.objective("preference-mixture", Map.of("loss_type", "dpo", "loss_weights", "-1"))).argument());
        assertEquals("loss_type", assertThrows(InvalidArgumentException.class,
                () -> registry.objective("preference-mixture", Map.of("loss_type", "dpo,kto"))).argument());
        assertEquals("loss_type", assertThrows(InvalidArgumentException.class,
                () -> registry.objective("preference-mixture", Map.of("loss_type", ""))).argument());
        assertEquals("loss_type", assertThrows(InvalidArgumentException.class,
                () -> new PreferenceMixture(List.of(registry.objective("kto", Map.of())), new double[] {1})).argument());
    }
}
