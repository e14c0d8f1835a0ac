package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.ATTRIBUTIONS;
import static dev.losslab.core.InputNames.PRIOR;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * The explanation-consistency KL loss of paper 51 (Wu et al. 2024, spec 51; a reconstruction, no
 * official code): a model's factor importance a_j = mean_n |φ_nj| + ε from its additive attributions
 * φ [N, F] ({@code attributions}, trained; φ_nj = w_j·x_nj for a linear model), normalised to
 * Q = a/Σa, is pulled toward a domain-knowledge prior P ({@code prior}) by ℓ = KL(P‖Q) =
 * Σ_j P_j log(P_j/Q_j); ∂ℓ/∂a_j = −P_j/a_j + 1/Σ_k a_k. Q is invariant to scaling φ, so the loss
 * constrains the factors' ratios only. The value is a batch statistic: every sample carries it, so
 * the mean is KL(P‖Q). Spec 51's uncertain choices taken here: plain normalisation (not softmax), the
 * prior-consistency direction KL(P‖Q); ε = 1e-8.
 */
public final class ExplanationConsistency extends AbstractObjective {
    public static final Param EPSILON = Param.real("epsilon", 1e-8, Range.atLeast(0), "ε added to each factor importance");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("explanation-consistency", Kind.LOSS, "distill")
            .papers(51).summary("KL(P ‖ Q), Q the normalised mean |attribution| per factor, P a domain-knowledge prior (inputs attributions, prior)")
            .params(EPSILON)
            .build(p -> new ExplanationConsistency(p.real(EPSILON)));

    private final double epsilon;

    public ExplanationConsistency(double epsilon) {
        super(COMPONENT.name(), List.of(InputSpec.trained(ATTRIBUTIONS, "[N, F] additive attributions"),
                InputSpec.target(PRIOR, "[F] prior over factors, positive, summing to 1")));
        this.epsilon = EPSILON.check(epsilon);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray phi = inputs.get(ATTRIBUTIONS);
        Checks.matrix(ATTRIBUTIONS, phi, 1);
        NDArray p = inputs.get(PRIOR);
        Checks.vector(PRIOR, p, phi.getShape().get(1));
        Checks.finite(PRIOR, p);
        if (p.lte(0).any().getBoolean() || Math.abs(p.sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble() - 1) > 1e-6) {
            throw new InvalidArgumentException(PRIOR, "must be positive and sum to 1");
        }
        p = p.getDataType() == phi.getDataType() ? p : p.toType(phi.getDataType(), false);
        NDArray a = Scalars.add(phi.abs().mean(new int[] {0}), epsilon);
        NDArray logQ = a.log().sub(a.sum().log());
        NDArray kl = p.mul(p.log().sub(logQ)).sum();
        return kl.broadcast(new ai.djl.ndarray.types.Shape(phi.getShape().get(0)));
    }
}
