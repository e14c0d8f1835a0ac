package dev.losslab.core.multilabel;

import static dev.losslab.core.InputNames.EMBEDDINGS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputNames;
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
 * Multi-label supervised contrastive loss, paper 14's contrastive term as spec 14 instantiates it
 * (the paper's formulation could not be read). With ẑ = z/‖z‖, s_ab = ẑ_a·ẑ_b/tau, label-overlap
 * weights J_ab = |Y_a ∩ Y_b|/|Y_a ∪ Y_b| for a ≠ b (0 when both rows have no positive label, and
 * J_aa = 0), log p_ab = s_ab − log Σ_{k≠a} exp(s_ak):
 * L = mean over anchors a with Σ_b J_ab &gt; 0 of −Σ_b J_ab·log p_ab / Σ_b J_ab.
 *
 * <p>Per-sample values are those anchor terms scaled by N/N_valid (and 0 for anchors without
 * partners), so that their mean is L.
 */
public final class MultiLabelSupCon extends AbstractObjective {
    public static final Param TAU = Param.real("tau", 0.1, Range.greaterThan(0), "contrastive temperature");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("multilabel-supcon", Kind.LOSS, "multilabel")
            .papers(14).summary("supervised contrastive loss with Jaccard label-overlap weights (inputs embeddings [N, E], targets)").params(TAU)
            .build(p -> new MultiLabelSupCon(p.real(TAU)));

    private final double tau;

    /** @param tau temperature &gt; 0 */
    public MultiLabelSupCon(double tau) {
        super(COMPONENT.name(), List.of(InputSpec.trained(EMBEDDINGS, "[N, E]"), InputSpec.target(InputNames.TARGETS, "[N, L] in {0, 1}")));
        this.tau = TAU.check(tau);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray z = inputs.get(EMBEDDINGS);
        Checks.matrix(EMBEDDINGS, z, 1);
        NDArray y = inputs.get(InputNames.TARGETS);
        if (y.getShape().dimension() != 2 || y.getShape().get(0) != z.getShape().get(0)) {
            throw new InvalidArgumentException(InputNames.TARGETS, "expected [" + z.getShape().get(0) + ", L], got " + y.getShape());
        }
        Checks.binary(InputNames.TARGETS, y);
        return loss(z, y.toType(z.getDataType(), false), tau);
    }

    static NDArray loss(NDArray z, NDArray y, double tau) {
        long n = z.getShape().get(0);
        NDArray zn = z.div(z.mul(z).sum(new int[] {-1}, true).add(1e-24).sqrt());
        NDArray s = Scalars.div(zn.matMul(zn.transpose()), tau);
        NDArray offDiag = z.getManager().eye((int) n).toType(z.getDataType(), false).neg().add(1);
        NDArray intersection = y.matMul(y.transpose());
        NDArray counts = y.sum(new int[] {-1});
        NDArray union = counts.expandDims(1).add(counts.expandDims(0)).sub(intersection);
        NDArray jaccard = intersection.div(Scalars.max(union, 1)).mul(offDiag).stopGradient();
        NDArray masked = s.sub(Scalars.mul(offDiag.neg().add(1), 1e9));
        NDArray m = masked.max(new int[] {-1}, true).stopGradient();
        NDArray logZ = masked.sub(m).exp().sum(new int[] {-1}).log().add(m.squeeze(-1));
        NDArray logP = s.sub(logZ.expandDims(-1));
        NDArray weight = jaccard.sum(new int[] {-1});
        NDArray valid = weight.gt(0).toType(z.getDataType(), false);
        double nValid = valid.sum().toType(DataType.FLOAT64, false).getDouble();
        NDArray anchor = jaccard.mul(logP).sum(new int[] {-1}).neg().div(Scalars.max(weight, 1e-12)).mul(valid);
        return nValid > 0 ? Scalars.mul(anchor, n / nValid) : anchor;
    }
}
