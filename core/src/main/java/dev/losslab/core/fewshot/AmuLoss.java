package dev.losslab.core.fewshot;

import static dev.losslab.core.InputNames.AUX_LOGITS;
import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;
import static dev.losslab.core.InputNames.ZERO_SHOT_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;
import java.util.Map;

/**
 * AMU-Tuning's multi-branch loss with its logit-bias fusion (paper 10, Tang et al., CVPR 2024; spec
 * 10; the official {@code clip/amu.py}). A frozen zero-shot branch gives s_zs ({@code
 * zero_shot_logits}, constant); an auxiliary linear head gives raw logits a ({@code aux_logits},
 * trained), standardised per sample, s_aux = (a − mean_c a)/std_c a with the unbiased (C − 1) std as
 * {@code torch.std}, backpropagated through mean and std. The fused logits are
 * s = s_zs + α·u·s_aux and the loss ℓ = λ·CE(s, y) + (1 − λ)·CE(s_aux, y); predictions are argmax s.
 *
 * <p>The uncertainty factor u is computed from s_zs without gradient: {@code none} gives u = 1 (the
 * default of both official argument parsers and run scripts); {@code moment} is the code's
 * kurtosis form, p = softmax(s_zs), κ = mean_c((p − mean p)/std p)⁴ (unbiased std), u =
 * (κ/{@code kurtosis_norm})^(−power) — peaked zero-shot predictions get less bias. The normaliser 250
 * was chosen for 1,000 classes; spec 10 notes that for C = 3, κ ≡ 2/3, so {@code moment} needs C ≥ 4
 * and rejects rows whose zero-shot probabilities are all equal (κ = 0/0). Spec 10 marks the paper's
 * exact fusion formula as uncertain; this is the code's {@code moment} option. Default λ = 0.35 is
 * the README's 16-shot example (the parser's default is 1); α = 0.5 is the scripts'.
 */
public final class AmuLoss extends AbstractObjective {
    public static final Param ALPHA = Param.real("alpha", 0.5, Range.atLeast(0), "weight α of the logit bias");
    public static final Param LAMBDA = Param.real("lambda", 0.35, Range.closed(0, 1), "weight λ of the fused branch's CE (code: lambda_merge)");
    public static final Param UNCERTAINTY = Param.choice("uncertainty", "none", List.of("none", "moment"),
            "uncertainty factor u: none (u = 1) or moment (kurtosis of the zero-shot probabilities)");
    public static final Param POWER = Param.real("power", 0.4, Range.atLeast(0), "exponent of the kurtosis factor");
    public static final Param KURTOSIS_NORM = Param.real("kurtosis_norm", 250, Range.greaterThan(0), "normaliser of κ (250 in the code, for 1,000 classes)");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("amu", Kind.LOSS, "fewshot")
            .papers(10).summary("AMU-Tuning: λ·CE(s_zs + α·u·standardise(aux), y) + (1 − λ)·CE(standardise(aux), y)")
            .params(ALPHA, LAMBDA, UNCERTAINTY, POWER, KURTOSIS_NORM)
            .build(p -> new AmuLoss(p.real(ALPHA), p.real(LAMBDA), p.choice(UNCERTAINTY).equals("moment"), p.real(POWER), p.real(KURTOSIS_NORM)));

    private static final CrossEntropy CROSS_ENTROPY = new CrossEntropy();

    private final double alpha;
    private final double lambda;
    private final boolean moment;
    private final double power;
    private final double kurtosisNorm;

    public AmuLoss(double alpha, double lambda, boolean moment, double power, double kurtosisNorm) {
        super(COMPONENT.name(), List.of(InputSpec.trained(AUX_LOGITS, "[N, C] raw logits of the auxiliary head"),
                InputSpec.target(ZERO_SHOT_LOGITS, "[N, C] frozen zero-shot logits, constant"),
                InputSpec.target(LABELS, "[N] integers in [0, C)")));
        this.alpha = ALPHA.check(alpha);
        this.lambda = LAMBDA.check(lambda);
        this.moment = moment;
        this.power = POWER.check(power);
        this.kurtosisNorm = KURTOSIS_NORM.check(kurtosisNorm);
    }

    /** (a − mean_c a)/std_c a per row, unbiased std. */
    public static NDArray standardise(NDArray a) {
        long c = a.getShape().get(1);
        NDArray centred = a.sub(a.mean(new int[] {1}, true));
        NDArray std = Scalars.div(centred.square().sum(new int[] {1}, true), c - 1).sqrt();
        return centred.div(std);
    }

    /** The uncertainty factor u [N, 1] from the zero-shot logits (no gradient). */
    NDArray uncertainty(NDArray zeroShot) {
        if (!moment) {
            return zeroShot.getManager().ones(new ai.djl.ndarray.types.Shape(zeroShot.getShape().get(0), 1), zeroShot.getDataType());
        }
        long c = zeroShot.getShape().get(1);
        if (c < 4) {
            throw new InvalidArgumentException(ZERO_SHOT_LOGITS, "uncertainty=moment needs at least 4 classes (κ is constant below), got " + c);
        }
        NDArray p = zeroShot.softmax(1);
        NDArray centred = p.sub(p.mean(new int[] {1}, true));
        NDArray std = Scalars.div(centred.square().sum(new int[] {1}, true), c - 1).sqrt();
        if (std.eq(0).any().getBoolean()) {
            throw new InvalidArgumentException(ZERO_SHOT_LOGITS, "uncertainty=moment is undefined for a row whose zero-shot probabilities are all equal");
        }
        NDArray kurtosis = Scalars.pow(centred.div(std), 4).mean(new int[] {1}, true);
        return Scalars.pow(Scalars.div(kurtosis, kurtosisNorm), -power);
    }

    /** The fused logits s = s_zs + α·u·standardise(a) [N, C], the model's prediction scores. */
    public NDArray fusedLogits(NDArray zeroShot, NDArray aux) {
        return zeroShot.add(Scalars.mul(uncertainty(zeroShot), alpha).mul(standardise(aux)));
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray a = inputs.get(AUX_LOGITS);
        Checks.matrix(AUX_LOGITS, a, 2);
        Checks.finite(AUX_LOGITS, a);
        NDArray zs = inputs.get(ZERO_SHOT_LOGITS);
        if (!zs.getShape().equals(a.getShape())) {
            throw new InvalidArgumentException(ZERO_SHOT_LOGITS, "expected shape " + a.getShape() + " like " + AUX_LOGITS + ", got " + zs.getShape());
        }
        Checks.finite(ZERO_SHOT_LOGITS, zs);
        zs = zs.getDataType() == a.getDataType() ? zs.stopGradient() : zs.toType(a.getDataType(), false);
        NDArray y = Checks.labels(LABELS, inputs.get(LABELS), a.getShape().get(0), a.getShape().get(1));
        NDArray standardised = standardise(a);
        NDArray fused = zs.add(Scalars.mul(uncertainty(zs), alpha).mul(standardised));
        NDArray aux = CROSS_ENTROPY.perSample(Inputs.of(Map.of(LOGITS, standardised, LABELS, y)));
        NDArray main = CROSS_ENTROPY.perSample(Inputs.of(Map.of(LOGITS, fused, LABELS, y)));
        return Scalars.mul(main, lambda).add(Scalars.mul(aux, 1 - lambda));
    }
}
