package dev.losslab.core.classification.binary;

import static dev.losslab.core.registry.Kind.LOSS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;

/**
 * The fixed binary margin losses that paper 13 (EnsLoss, Dai 2025) compares against, on z = y·f
 * with y = 2·label − 1:
 * <ul>
 *   <li>{@code logistic}: softplus(−z) (binary cross-entropy on logits);
 *   <li>{@code hinge}: max(0, 1 − z);
 *   <li>{@code exponential}: exp(−z) with gradient −exp(−z); the exponent is capped at
 *       {@value CompSum#EXPONENT_CAP}, so value and gradient saturate (≈ ±5e21) for z &lt; −50
 *       instead of overflowing (a LossLab choice);
 *   <li>{@code binary-focal}: softplus(−z)·(1 − σ(z))^gamma, evaluated as
 *       softplus(−z)·exp(−gamma·softplus(z)) so the gradient is finite for every z and gamma.
 * </ul>
 * softplus is PyTorch's log1p(e^x) kernel, so confident samples (z up to 700) keep full relative
 * precision: ℓ = e^{−z} rather than 0.
 */
public final class BinaryMarginLoss extends BinaryObjective {
    /** The margin functions. */
    public enum Kind {
        LOGISTIC,
        HINGE,
        EXPONENTIAL,
        FOCAL
    }

    public static final Param GAMMA = Param.real("gamma", 2, Range.atLeast(0), "focusing exponent");

    @Registered
    public static final Component<Objective> LOGISTIC = Component.declare("logistic", LOSS, "classification")
            .papers(13).summary("binary logistic loss softplus(−y·f), labels in {0, 1}")
            .build(p -> new BinaryMarginLoss(Kind.LOGISTIC));

    @Registered
    public static final Component<Objective> HINGE = Component.declare("hinge", LOSS, "classification")
            .papers(13).summary("binary hinge max(0, 1 − y·f), labels in {0, 1}")
            .build(p -> new BinaryMarginLoss(Kind.HINGE));

    @Registered
    public static final Component<Objective> EXPONENTIAL = Component.declare("exponential", LOSS, "classification")
            .papers(13).summary("binary exponential loss exp(−y·f), labels in {0, 1}")
            .build(p -> new BinaryMarginLoss(Kind.EXPONENTIAL));

    @Registered
    public static final Component<Objective> FOCAL = Component.declare("binary-focal", LOSS, "classification")
            .papers(13).summary("binary focal softplus(−y·f)·(1 − σ(y·f))^gamma, labels in {0, 1}").params(GAMMA)
            .build(p -> new BinaryMarginLoss(Kind.FOCAL, p.real(GAMMA)));

    private final Kind kind;
    private final double gamma;

    public BinaryMarginLoss(Kind kind) {
        this(kind, 0);
    }

    /** @param gamma focal exponent ≥ 0 (used by FOCAL only) */
    public BinaryMarginLoss(Kind kind, double gamma) {
        super(switch (kind) {
            case LOGISTIC -> LOGISTIC.name();
            case HINGE -> HINGE.name();
            case EXPONENTIAL -> EXPONENTIAL.name();
            case FOCAL -> FOCAL.name();
        });
        this.kind = kind;
        this.gamma = GAMMA.check(gamma);
    }

    @Override
    protected NDArray perSample(NDArray z, Inputs inputs) {
        switch (kind) {
            case LOGISTIC:
                return Tensors.softplus(z.neg());
            case HINGE:
                return Scalars.max(z.neg().add(1), 0);
            case EXPONENTIAL:
                NDArray e = Scalars.min(z.neg(), CompSum.EXPONENT_CAP).exp().stopGradient();
                return e.sub(e.mul(z.sub(z.stopGradient())));
            default:
                return Tensors.softplus(z.neg()).mul(Scalars.mul(Tensors.softplus(z), -gamma).exp());
        }
    }
}
