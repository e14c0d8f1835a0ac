package dev.losslab.train.reweight;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.HostArrays;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import dev.losslab.train.InputSource;
import dev.losslab.train.Step;

/**
 * KL-DRO instance weights (paper 58, DONE, Sow et al., ICLR 2024, spec 58): the inner maximisation
 * max_{w ∈ Δ} Σ w_i ℓ_i − r·KL(w‖uniform) has w_i = exp(ℓ_i/r)/Σ_j exp(ℓ_j/r), and its value is the
 * compositional objective Φ = r·log((1/n) Σ exp(ℓ_i/r)) with ∇Φ = Σ w_i ∇ℓ_i. For mini-batches the
 * inner mean u = (1/B) Σ_{i∈S} exp(ℓ_i/r) is a moving average, u ← (1 − β)u + β·(batch mean)
 * (β = 1: batch normalisation), kept as log u; the per-sample weights for a mean reduction are
 * exp(ℓ_i/r)/u, which sum to B when β = 1 (with a stale u they do not — the effective step is
 * rescaled, as spec 58 notes). The first {@code warmup_steps} steps use uniform weights (plain AT).
 * The paper's implicit-gradient (CID) and log-barrier terms are not included.
 */
public final class KlDroWeights implements InputSource.Reweighter {
    public static final Param R = Param.real("r", 2.0, Range.greaterThan(0), "KL regularisation r (temperature of the weights); r → ∞: uniform, r → 0: the worst sample");
    public static final Param BETA = Param.real("beta", 1.0, new Range(0, true, 1, false), "moving-average rate β of the normaliser u (1: the batch's own mean)");
    public static final Param WARMUP_STEPS = Param.integer("warmup_steps", 0, Range.atLeast(0), "steps with uniform weights before reweighting starts");

    @Registered
    public static final Component<ReweighterFactory> COMPONENT = Component.declare("kl-dro", Kind.REWEIGHTER, "reweighting").papers(58)
            .summary("KL-DRO weights exp(ℓ_i/r)/u, u a moving average of the batch mean of exp(ℓ/r) (DONE)").params(R, BETA, WARMUP_STEPS)
            .build(p -> () -> new KlDroWeights(p.real(R), p.real(BETA), p.integer(WARMUP_STEPS)));

    private final double r;
    private final double beta;
    private final int warmupSteps;
    private double logU = Double.NaN;
    private int steps;

    public KlDroWeights(double r, double beta, int warmupSteps) {
        this.r = R.check(r);
        this.beta = BETA.check(beta);
        this.warmupSteps = WARMUP_STEPS.check(warmupSteps);
    }

    /** The normalised weights w (summing to 1) of losses at temperature r. */
    public static double[] weights(double[] losses, double r) {
        double max = java.util.Arrays.stream(losses).max().orElseThrow(() -> new IllegalArgumentException("losses: the batch is empty"));
        double[] w = new double[losses.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp((losses[i] - max) / r);
            sum += w[i];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /** Φ = r·log((1/n) Σ exp(ℓ_i/r)), computed stably. */
    public static double value(double[] losses, double r) {
        double max = java.util.Arrays.stream(losses).max().orElseThrow(() -> new IllegalArgumentException("losses: the batch is empty"));
        double sum = 0;
        for (double l : losses) {
            sum += Math.exp((l - max) / r);
        }
        return max + r * Math.log(sum / losses.length);
    }

    /** Folds a batch into the moving average and returns the per-sample multipliers exp(ℓ_i/r)/u (for a mean reduction). */
    public double[] multipliers(double[] losses) {
        double logMean = value(losses, r) / r;
        logU = Double.isNaN(logU) || beta == 1 ? logMean : logSumExp(Math.log(1 - beta) + logU, Math.log(beta) + logMean);
        double[] m = new double[losses.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.exp(losses[i] / r - logU);
        }
        return m;
    }

    private static double logSumExp(double a, double b) {
        double max = Math.max(a, b);
        return max + Math.log(Math.exp(a - max) + Math.exp(b - max));
    }

    /** The current log u (NaN before the first batch). */
    public double logNormaliser() {
        return logU;
    }

    @Override
    public NDArray weights(NDArray perSample, Step step) {
        double[] losses = perSample.toType(DataType.FLOAT64, false).toDoubleArray();
        for (double l : losses) {
            if (!Double.isFinite(l)) {
                throw new IllegalArgumentException("losses: found " + l);
            }
        }
        double[] w;
        if (steps++ < warmupSteps) {
            w = new double[losses.length];
            java.util.Arrays.fill(w, 1);
        } else {
            w = multipliers(losses);
        }
        return HostArrays.float64(step.scope(), w);
    }
}
