package dev.losslab.core.classification.robust;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.TEMPERATURES;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * The KL-constrained DRO cross-entropy with a per-sample temperature of paper 54 (TempNet; Qiu et
 * al., ICML 2024, spec 54; the official {@code tau_cross_entropy}): the dual of
 * max_{p ∈ Δ_K, KL(p‖uniform) ≤ ρ} Σ_k p_k (h_k − h_y) is
 * ℓ_i = τ_i·CE(h_i/τ_i, y_i) + τ_i·(ρ − log K), with {@code logits} h and {@code temperatures} τ &gt; 0
 * both trained (a TempNet predicts τ). ∂ℓ/∂h = softmax(h/τ) − onehot(y) (τ cancels) and
 * ∂ℓ/∂τ = ρ − KL(softmax(h/τ)‖uniform), independent of y; the per-sample optimum τ* makes the
 * tempered prediction's KL to uniform equal ρ. CE is computed as softplus of the label's log-odds
 * (full precision for confident samples). Default ρ = 1 (the code's {@code tempnet_rho}).
 */
public final class DroTemperatureCrossEntropy extends AbstractObjective {
    public static final Param RHO = Param.real("rho", 1.0, Range.atLeast(0), "KL radius ρ of the DRO constraint");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("dro-temperature-ce", Kind.LOSS, "classification")
            .papers(54).summary("TempNet's DRO loss τ·CE(h/τ, y) + τ·(ρ − log K) with per-sample temperatures (inputs logits, temperatures, labels)")
            .params(RHO).build(p -> new DroTemperatureCrossEntropy(p.real(RHO)));

    private final double rho;

    public DroTemperatureCrossEntropy(double rho) {
        super(COMPONENT.name(), List.of(InputSpec.trained(LOGITS, "[N, K] logits"), InputSpec.trained(TEMPERATURES, "[N] or [N, 1] temperatures τ > 0"),
                InputSpec.target(LABELS, "[N] integers in [0, K)")));
        this.rho = RHO.check(rho);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray h = inputs.get(LOGITS);
        Checks.matrix(LOGITS, h, 2);
        Checks.finite(LOGITS, h);
        long n = h.getShape().get(0);
        long k = h.getShape().get(1);
        NDArray tau = inputs.get(TEMPERATURES);
        if (tau.getShape().dimension() == 2 && tau.getShape().get(1) == 1) {
            tau = tau.reshape(n);
        }
        Checks.vector(TEMPERATURES, tau, n);
        Checks.finite(TEMPERATURES, tau);
        if (tau.lte(0).any().getBoolean()) {
            throw new InvalidArgumentException(TEMPERATURES, "temperatures must be > 0");
        }
        tau = tau.getDataType() == h.getDataType() ? tau : tau.toType(h.getDataType(), false);
        NDArray y = Checks.labels(LABELS, inputs.get(LABELS), n, k);
        NDArray ce = Tensors.softplus(Tensors.labelLogOdds(h.div(tau.reshape(n, 1)), y));
        return tau.mul(ce).add(Scalars.mul(tau, rho - Math.log(k)));
    }

    /** KL(softmax(h/τ)‖uniform) = log K − H(softmax(h/τ)), in float64. */
    public static double klToUniform(double[] h, double tau) {
        double max = java.util.Arrays.stream(h).max().orElseThrow();
        double z = 0;
        for (double v : h) {
            z += Math.exp((v - max) / tau);
        }
        double kl = Math.log(h.length);
        for (double v : h) {
            double logp = (v - max) / tau - Math.log(z);
            kl += Math.exp(logp) * logp;
        }
        return Math.max(0, kl);
    }

    /**
     * The per-sample optimum τ* ∈ [τ_min, τ_max] of ℓ(τ) (spec 54's OptimalTemperature): the root of
     * KL(softmax(h/τ)‖uniform) = ρ by bisection on log τ (the KL decreases in τ), clamped to the
     * interval — τ_min when ρ exceeds the KL even at τ_min (the constraint is inactive), τ_max when the
     * KL exceeds ρ even at τ_max.
     */
    public static double optimalTemperature(double[] h, double rho, double tauMin, double tauMax) {
        if (!(tauMin > 0) || !(tauMax > tauMin) || Double.isInfinite(tauMax)) {
            throw new IllegalArgumentException("need 0 < tauMin < tauMax < ∞, got " + tauMin + " and " + tauMax);
        }
        if (klToUniform(h, tauMin) <= rho) {
            return tauMin;
        }
        if (klToUniform(h, tauMax) >= rho) {
            return tauMax;
        }
        double lo = Math.log(tauMin);
        double hi = Math.log(tauMax);
        for (int i = 0; i < 200 && hi - lo > 1e-14; i++) {
            double mid = (lo + hi) / 2;
            if (klToUniform(h, Math.exp(mid)) > rho) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }
}
