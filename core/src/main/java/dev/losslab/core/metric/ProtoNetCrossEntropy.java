package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Registered;
import java.util.List;

/**
 * The prototypical-network head (Snell et al. 2017), the baseline of paper 16: prototypes
 * c_k = mean support embedding of class k, logits_qk = −‖e_q − c_k‖², and per query the
 * cross-entropy −log softmax(logits_q)_{y_q}.
 */
public final class ProtoNetCrossEntropy extends AbstractObjective {
    static final List<InputSpec> INPUTS = List.of(
            InputSpec.trained(InputNames.SUPPORT, "[S, E] support embeddings"), InputSpec.target(InputNames.SUPPORT_LABELS, "[S] in 0..n−1"),
            InputSpec.trained(InputNames.QUERY, "[Q, E] query embeddings"), InputSpec.target(InputNames.QUERY_LABELS, "[Q] in 0..n−1"));

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("proto-ce", Kind.LOSS, "metric")
            .papers(16).summary("prototypical-network cross-entropy on −‖e_q − c_k‖² (inputs support, support_labels, query, query_labels)")
            .build(p -> new ProtoNetCrossEntropy());

    public ProtoNetCrossEntropy() {
        super(COMPONENT.name(), INPUTS);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        return perQuery(Episode.of(inputs));
    }

    /** Per-query cross-entropy of an episode. */
    static NDArray perQuery(Episode e) {
        NDArray diff = e.query().expandDims(1).sub(e.prototypes().expandDims(0));
        NDArray logits = diff.mul(diff).sum(new int[] {-1}).neg();
        return Tensors.pick(logits.logSoftmax(-1), e.queryLabels()).neg();
    }
}
