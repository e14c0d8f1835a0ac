package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.ASPECT_LOGITS;
import static dev.losslab.core.InputNames.ASPECT_TARGETS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
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
 * Multi-aspect knowledge distillation (MaKD; paper 11, Lee et al. 2025, spec 11, the official
 * {@code MaKD.py}): the student's head has C class outputs ({@code student_logits}) and Q aspect
 * outputs ({@code aspect_logits}, trained), and an offline teacher gives each sample a soft answer
 * t ∈ [0, 1] to each yes/no aspect question ({@code aspect_targets}, {@link #targetsFromYesNo}).
 * ℓ = w_ce·CE(z, y) + α·(1/Q)·Σ_q [max(a,0) − a·t + log(1 + e^{−|a|})], PyTorch's
 * {@code binary_cross_entropy_with_logits} with its mean over the N·Q entries (here per sample, so
 * the batch mean is the same); ∂ℓ/∂a = α(σ(a) − t)/Q per sample. Defaults w_ce = 1, α = 4 (the
 * fine-grained config). Predictions use the class outputs only.
 */
public final class Makd extends DistillationLoss {
    public static final Param CE_WEIGHT = Param.real("ce_weight", 1.0, Range.atLeast(0), "weight of the class cross-entropy");
    public static final Param ALPHA = Param.real("alpha", 4.0, Range.atLeast(0), "weight α of the aspect BCE");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("makd", Kind.LOSS, "distill")
            .papers(11).summary("MaKD w_ce·CE(class logits) + α·BCE-with-logits(aspect logits, teacher's soft yes/no aspect targets)")
            .params(CE_WEIGHT, ALPHA)
            .build(p -> new Makd(p.real(CE_WEIGHT), p.real(ALPHA)));

    private final double ceWeight;
    private final double alpha;

    public Makd(double ceWeight, double alpha) {
        super(COMPONENT.name(), List.of(STUDENT, LABEL, InputSpec.trained(ASPECT_LOGITS, "[N, Q] aspect logits"),
                InputSpec.target(ASPECT_TARGETS, "[N, Q] soft aspect targets in [0, 1]")));
        this.ceWeight = CE_WEIGHT.check(ceWeight);
        this.alpha = ALPHA.check(alpha);
    }

    /** The aspect targets t = softmax([yes, no])_0 = σ(yes − no) from a teacher's first-token "Yes" and "No" logits [N][Q]. */
    public static double[][] targetsFromYesNo(double[][] yes, double[][] no) {
        double[][] t = new double[yes.length][];
        for (int i = 0; i < yes.length; i++) {
            if (no[i].length != yes[i].length) {
                throw new InvalidArgumentException("no", "row " + i + " has " + no[i].length + " logits, yes has " + yes[i].length);
            }
            t[i] = new double[yes[i].length];
            for (int q = 0; q < t[i].length; q++) {
                t[i][q] = 1 / (1 + Math.exp(no[i][q] - yes[i][q]));
            }
        }
        return t;
    }

    @Override
    protected NDArray loss(Logits l) {
        NDArray a = l.inputs().get(ASPECT_LOGITS);
        Checks.matrix(ASPECT_LOGITS, a, 1);
        if (a.getShape().get(0) != l.student().getShape().get(0)) {
            throw new InvalidArgumentException(ASPECT_LOGITS, "expected " + l.student().getShape().get(0) + " rows like student_logits, got " + a.getShape());
        }
        NDArray t = l.inputs().get(ASPECT_TARGETS);
        if (!t.getShape().equals(a.getShape())) {
            throw new InvalidArgumentException(ASPECT_TARGETS, "expected shape " + a.getShape() + " like aspect_logits, got " + t.getShape());
        }
        Checks.finite(ASPECT_TARGETS, t);
        if (t.lt(0).logicalOr(t.gt(1)).any().getBoolean()) {
            throw new InvalidArgumentException(ASPECT_TARGETS, "targets must lie in [0, 1]");
        }
        t = t.getDataType() == a.getDataType() ? t : t.toType(a.getDataType(), false);
        NDArray bce = Tensors.softplus(a).sub(a.mul(t)).mean(new int[] {1});
        NDArray classes = crossEntropy(l.student(), l.labels());
        return Scalars.mul(classes, ceWeight).add(Scalars.mul(bce, alpha));
    }
}
