package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.ATTRIBUTIONS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.losslab.core.AbstractObjective;
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
 * Paper 51's model-to-model explanation consistency (Wu et al. 2024, spec 51; a reconstruction, no
 * official code), the optional companion of {@link ExplanationConsistency}: M ≥ 2 models' additive
 * attributions φ^(m) [N, F] ({@code attributions} stacked as [M, N, F], all trained) give factor
 * importances a^(m)_j = mean_n |φ^(m)_nj| + ε and distributions Q^(m) = a^(m)/Σ_j a^(m)_j, and
 * ℓ = Σ_{m<m'} ½[KL(Q^(m)‖Q^(m')) + KL(Q^(m')‖Q^(m))]. It vanishes when every model ranks the
 * factors in the same proportions, whatever their scales. The value is a batch statistic carried by
 * every sample, so the mean is ℓ.
 */
public final class ExplanationAgreement extends AbstractObjective {
    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("explanation-agreement", Kind.LOSS, "distill")
            .papers(51).summary("Σ_{m<m'} symmetric KL between models' normalised mean |attribution| distributions (input attributions [M, N, F])")
            .params(ExplanationConsistency.EPSILON)
            .build(p -> new ExplanationAgreement(p.real(ExplanationConsistency.EPSILON)));

    private final double epsilon;

    public ExplanationAgreement(double epsilon) {
        super(COMPONENT.name(), List.of(InputSpec.trained(ATTRIBUTIONS, "[M, N, F] additive attributions of M ≥ 2 models")));
        this.epsilon = ExplanationConsistency.EPSILON.check(epsilon);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray phi = inputs.get(ATTRIBUTIONS);
        Shape s = phi.getShape();
        if (s.dimension() != 3 || s.get(0) < 2 || s.get(1) < 1 || s.get(2) < 1) {
            throw new InvalidArgumentException(ATTRIBUTIONS, "expected shape [M ≥ 2, N ≥ 1, F ≥ 1], got " + s);
        }
        dev.losslab.core.Checks.finite(ATTRIBUTIONS, phi);
        NDArray a = Scalars.add(phi.abs().mean(new int[] {1}), epsilon);
        NDArray logQ = a.log().sub(a.sum(new int[] {1}, true).log());
        NDArray q = logQ.exp();
        long m = s.get(0);
        // Σ_{m<m'} ½[KL(Q_m‖Q_m') + KL(Q_m'‖Q_m)] = ½ Σ_{m<m'} Σ_j (Q_m − Q_m')(log Q_m − log Q_m') = ¼ Σ_{m,m'} (same)
        NDArray dq = q.expandDims(1).sub(q.expandDims(0));
        NDArray dlog = logQ.expandDims(1).sub(logQ.expandDims(0));
        NDArray value = Scalars.mul(dq.mul(dlog).sum(), 0.25);
        return value.broadcast(new Shape(s.get(1)));
    }
}
