package dev.losslab.core.metric;

import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.ComponentProvider;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.List;

/** Registers the few-shot metric-learning losses of paper 16. */
public final class MetricComponents implements ComponentProvider {

    @Override
    public List<Component<?>> components() {
        Param margin = Param.real("margin", 0.5, Range.atLeast(0), "triplet margin");
        Param k = Param.integer("k", 4, Range.atLeast(1), "neighbours scored by ICNN");
        return List.of(
                new Component<Objective>("proto-ce", Kind.LOSS, "metric", List.of(16),
                        "prototypical-network cross-entropy on −‖e_q − c_k‖² (inputs support, support_labels, query, query_labels)",
                        List.of(), p -> new ProtoNetCrossEntropy()),
                new Component<Objective>("proto-triplet", Kind.LOSS, "metric", List.of(16),
                        "Proto-Triplet max(d(e_q, c_y) − min_{k≠y} d(e_q, c_k) + margin, 0) (episode inputs)",
                        List.of(margin), p -> new ProtoTriplet(p.real("margin"))),
                new Component<Objective>("icnn", Kind.LOSS, "metric", List.of(16),
                        "ICNN class-separability loss −log((λ + γ)/2) (inputs embeddings [N, E], labels [N])",
                        List.of(k, Param.integer("ipc", 0, Range.atLeast(0), "neighbours retrieved per point; 0 = k + 1")),
                        p -> new IcnnScore(p.integer("k"), p.integer("ipc"))),
                new Component<Objective>("fewshot-combined", Kind.LOSS, "metric", List.of(16),
                        "average of the selected terms: ProtoNet CE, Proto-Triplet, ICNN on support ∪ query (episode inputs)",
                        List.of(Param.bool("cross", true, "include ProtoNet cross-entropy"), Param.bool("prototriplet", true, "include Proto-Triplet"),
                                Param.bool("fullicnn", false, "include ICNN on support ∪ query"), margin, k),
                        p -> new FewShotCombined(p.bool("cross"), p.bool("prototriplet"), p.bool("fullicnn"), p.real("margin"), p.integer("k"))));
    }
}
