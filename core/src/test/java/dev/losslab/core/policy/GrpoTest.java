package dev.losslab.core.policy;

import static dev.losslab.core.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.losslab.core.InputNames;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.policy.Grpo.Settings;
import dev.losslab.core.policy.GrpoEval.Batch;
import dev.losslab.core.policy.GrpoEval.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spec 60's worked example and TRL's formulas for every loss type. The expected values come from a
 * NumPy transcription of TRL's {@code _compute_loss} (main f2cd577) on a batch of two completions
 * (three and two tokens): spec 60's tokens plus one padded position and a second reference/entropy
 * row.
 */
class GrpoTest {
    static final double A = 0.9354125967;
    static final double[][] LOGPS = {{-0.8, -0.6, -1.5}, {-0.1, -1.5, -0.7}};
    static final double[][] OLD = {{-1.0, -0.5, -2.0}, {-0.3, -1.2, -0.4}};
    static final double[][] REF = {{-1.1, -0.4, -2.2}, {-0.2, -1.3, -0.9}};
    static final double[][] MASK = {{1, 1, 1}, {1, 1, 0}};
    static final double[][] ENTROPIES = {{1.2, 0.8, 1.5}, {0.4, 1.0, 2.0}};
    static final Batch BATCH = new Batch(LOGPS, new double[] {A, -A}, MASK, OLD, REF, null);

    static Grpo grpo(Map<String, ?> params) {
        return (Grpo) Grpo.COMPONENT.create(params);
    }

    static void assertGolden(Map<String, ?> params, double loss, double... grad) {
        Result r = GrpoEval.eval(grpo(params), BATCH);
        assertClose(loss, r.mean(), 1e-9);
        for (int i = 0; i < grad.length; i++) {
            assertEquals(grad[i], r.gradLogps()[i], 1e-9, params + " gradient " + i);
        }
    }

    @Test
    void spec60TokenLossAndClippedGradients() {
        assertGolden(Map.of(), -0.2401081896, 0, -0.1692792638, 0, 0.2285031051, 0, 0);
    }

    @Test
    void spec60TotalWithKlAndEntropyBonus() {
        Result r = GrpoEval.eval(grpo(Map.of("beta", 0.001, "entropy_coef", 0.001)), BATCH.withEntropies(ENTROPIES));
        assertClose(-0.2410311803, r.mean(), 1e-9);
        double[] expected = {5.183635465311e-05, -1.693235442968e-01, 1.006829203343e-04, 2.285221376574e-01, -4.428057920336e-05, 0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.gradLogps()[i], 1e-10);
            assertEquals(MASK[i / 3][i % 3] * -0.001 / 5, r.gradEntropies()[i], 1e-12, "entropy gradient " + i);
        }
    }

    @Test
    void everyReductionMatchesTrl() {
        assertGolden(Map.of("loss_type", "grpo"), -0.04251969106593667, 0, -0.141066053116, 0, 0.28562888138, 0, 0);
        assertGolden(Map.of("loss_type", "bnpo", "beta", 0.04), -0.2378278179072034,
                0.002073454214, -0.171050485873, 0.004027317591, 0.229264405793, -0.001771222058, 0);
        assertGolden(Map.of("loss_type", "dr-grpo", "max_completion_length", 4), -0.1500676184861492,
                0, -0.105799539851, 0, 0.14281444069, 0, 0);
        assertGolden(Map.of("loss_type", "luspo", "importance_sampling_level", "sequence"), -0.7939506880303404,
                0, 0, 0, 0.44489599299, 0.44489599299, 0);
        assertGolden(Map.of("loss_type", "grpo", "importance_sampling_level", "sequence", "beta", 0.1), -0.1113821225563787,
                0.004319696323, -0.003690045991, 0.008390244888, 0.224827061052, 0.216912927564, 0);
        assertGolden(Map.of("loss_type", "grpo", "beta", 0.1, "use_bias_correction_kl", true), -0.03541999341513058,
                0.006107013784, -0.144082177855, 0.019235081472, 0.288682388327, -0.003704091117, 0);
    }

    @Test
    void asymmetricAndTwoSidedClipping() {
        // ε_high = 0.28 (DAPO's clip-higher) admits token 1's ratio 1.2214; ε_low = 0.1 leaves every other bound unchanged here
        assertGolden(Map.of("epsilon_low", 0.1, "epsilon_high", 0.28), -0.2403706211084681,
                -0.22850310516, -0.169279263759, 0, 0.228503105146, 0, 0);
        // δ = 1.25 caps the unclipped branch: token 3 (ratio 1.6487) is clipped at 1 + ε_high = 1.5 either way
        assertGolden(Map.of("delta", 1.25, "epsilon_high", 0.5), -0.25346639746226807,
                -0.22850310516, -0.169279263745, 0, 0.22850310516, 0, 0);
    }

    @Test
    void softAndCappedWeights() {
        assertGolden(Map.of("loss_type", "sapo"), -0.170524095567412,
                -0.188104638532, -0.140747163813, -0.231785670768, 0.281804270585, 0.170074239136, 0);
        // cispo: the capped ratio is a constant weight, so ∂ℓ/∂logπ = −min(ρ, ε_max)·A / N
        assertGolden(Map.of("loss_type", "cispo", "epsilon_high", 1.3), 0.4184394359091936,
                -0.228503105125, -0.169279263759, -0.243207275142, 0.228503105125, 0.138594139098, 0);
        // vespo: φ = (0.28185673, 0.89612548) per completion, constant, so ∂ℓ/∂logπ = −φ·A / N
        assertGolden(Map.of("loss_type", "vespo"), -0.11532070608337086,
                -0.052730466383, -0.052730466383, -0.052730466383, 0.167649411621, 0.167649411621, 0);
    }

    @Test
    void gradientsMatchCentralDifferencesWhereTheLossIsDifferentiable() {
        for (Map<String, ?> p : java.util.List.of(Map.of("loss_type", "grpo", "beta", 0.2), Map.of("loss_type", "sapo", "beta", 0.05),
                Map.of("loss_type", "dr-grpo", "max_completion_length", 3), Map.of("loss_type", "grpo", "importance_sampling_level", "sequence"))) {
            Grpo loss = grpo(p);
            Result at = GrpoEval.eval(loss, BATCH);
            for (int i = 0; i < 6; i++) {
                double[][] up = copy(LOGPS);
                double[][] down = copy(LOGPS);
                up[i / 3][i % 3] += 1e-6;
                down[i / 3][i % 3] -= 1e-6;
                double fd = (GrpoEval.eval(loss, BATCH.withLogps(up)).mean() - GrpoEval.eval(loss, BATCH.withLogps(down)).mean()) / 2e-6;
                assertEquals(fd, at.gradLogps()[i], 1e-8, p + " token " + i);
            }
        }
    }

    @Test
    void onPolicyGradientIsTheTokenMeanPolicyGradient() {
        // no old log-probs: ρ = 1 with gradient 1, so ∂/∂logπ_t = −A_i m_t / Σ m, and the value is −Σ A_i n_i / Σ n
        Batch onPolicy = new Batch(LOGPS, new double[] {A, -A}, MASK, null, null, null);
        Result r = GrpoEval.eval(grpo(Map.of()), onPolicy);
        assertClose(-(3 * A - 2 * A) / 5, r.mean(), 1e-12);
        double[] expected = {-A / 5, -A / 5, -A / 5, A / 5, A / 5, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], r.gradLogps()[i], 1e-15);
        }
    }

    @Test
    void groupsOfEqualRewardsGiveExactlyZeroGradient() {
        double[] a = GroupRelativeAdvantage.trl(2).advantages(new double[] {1, 1});
        Result r = GrpoEval.eval(grpo(Map.of("loss_type", "grpo")), new Batch(LOGPS, a, MASK, OLD, null, null));
        for (double g : r.gradLogps()) {
            assertEquals(0.0, g, 0.0);
        }
    }

    @Test
    void paddingIsIgnored() {
        double[][] lp = copy(LOGPS);
        double[][] old = copy(OLD);
        double[][] ref = copy(REF);
        lp[1][2] = -50;
        old[1][2] = 3;
        ref[1][2] = 7;
        Grpo loss = grpo(Map.of("loss_type", "grpo", "beta", 0.1));
        assertClose(GrpoEval.eval(loss, BATCH).mean(), GrpoEval.eval(loss, new Batch(lp, BATCH.advantages(), MASK, old, ref, null)).mean(), 1e-13);
    }

    @Test
    void reductionsAgreeWhereTrlSaysTheyDo() {
        // equal lengths: grpo = bnpo; dr-grpo = bnpo · Σn / (B·L); dapo = bnpo on one process
        double[][] full = {{1, 1, 1}, {1, 1, 1}};
        Batch b = new Batch(LOGPS, BATCH.advantages(), full, OLD, REF, null);
        double bnpo = GrpoEval.eval(grpo(Map.of("loss_type", "bnpo", "beta", 0.1)), b).mean();
        assertClose(bnpo, GrpoEval.eval(grpo(Map.of("loss_type", "grpo", "beta", 0.1)), b).mean(), 1e-13);
        assertClose(bnpo, GrpoEval.eval(grpo(Map.of("loss_type", "dapo", "beta", 0.1)), b).mean(), 1e-13);
        assertClose(bnpo * 6 / (2 * 7.0), GrpoEval.eval(grpo(Map.of("loss_type", "dr-grpo", "beta", 0.1, "max_completion_length", 7)), b).mean(), 1e-13);
    }

    @Test
    void extremeLogProbsOnPolicyStayFinite() {
        double[][] lp = {{-1e4, -700, -1e-9}, {-1e4, -1e4, -3}};
        Result r = GrpoEval.eval(grpo(Map.of("beta", 0.1)), new Batch(lp, new double[] {1e4, -1e4}, MASK, null, lp, null));
        assertClose(-(3e4 - 2e4) / 5, r.mean(), 1e-12);
        for (double g : r.gradLogps()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void badInputNamesTheArgument() {
        Grpo plain = grpo(Map.of());
        assertEquals(InputNames.REF_TOKEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(grpo(Map.of("beta", 0.1)), new Batch(LOGPS, BATCH.advantages(), MASK, OLD, null, null))).argument());
        assertEquals(InputNames.TOKEN_ENTROPIES, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(grpo(Map.of("entropy_coef", 0.01)), BATCH)).argument());
        assertEquals(InputNames.OLD_TOKEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(plain, new Batch(LOGPS, BATCH.advantages(), MASK, new double[][] {{1, 2}}, null, null))).argument());
        assertEquals(InputNames.ADVANTAGES, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(plain, new Batch(LOGPS, new double[] {1, 2, 3}, MASK, OLD, null, null))).argument());
        assertEquals(InputNames.COMPLETION_MASK, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(plain, new Batch(LOGPS, BATCH.advantages(), new double[][] {{1, 0.5, 1}, {1, 1, 0}}, OLD, null, null))).argument());
        double[][] nan = copy(LOGPS);
        nan[0][1] = Double.NaN;
        assertEquals(InputNames.POLICY_TOKEN_LOGPS, assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(plain, BATCH.withLogps(nan))).argument());
        assertEquals("max_completion_length", assertThrows(InvalidArgumentException.class,
                () -> GrpoEval.eval(grpo(Map.of("loss_type", "dr-grpo", "max_completion_length", 2)), BATCH)).argument());
        assertEquals("epsilon_low", assertThrows(InvalidArgumentException.class, () -> grpo(Map.of("epsilon_low", 1.0))).argument());
        assertEquals("loss_type", assertThrows(InvalidArgumentException.class, () -> grpo(Map.of("loss_type", "ppo"))).argument());
        assertEquals(Settings.of(GrpoLossType.DAPO, 0, 0.2), plain.settings());
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
