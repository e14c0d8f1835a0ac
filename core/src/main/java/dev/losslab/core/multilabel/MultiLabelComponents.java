package dev.losslab.core.multilabel;

import dev.losslab.core.InputNames;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.ComponentProvider;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import java.util.List;

/** Registers the multi-label losses of paper 14. */
public final class MultiLabelComponents implements ComponentProvider {

    @Override
    public List<Component<?>> components() {
        Param posWeight = Param.real(InputNames.POS_WEIGHT, 1, Range.atLeast(0), "positive-term weight for every label (input pos_weight [L] overrides)");
        Param tau = Param.real("tau", 0.1, Range.greaterThan(0), "contrastive temperature");
        return List.of(
                new Component<Objective>("weighted-bce", Kind.LOSS, "multilabel", List.of(14),
                        "class-weighted sigmoid BCE, mean over labels (inputs logits [N, L], targets [N, L])",
                        List.of(posWeight), p -> new WeightedBce(p.real(InputNames.POS_WEIGHT))),
                new Component<Objective>("label-correlation", Kind.LOSS, "multilabel", List.of(14),
                        "penalty Σ C⁺_ij (σ(o_i) − σ(o_j))² / ΣC⁺ (inputs logits, targets, correlation [L, L])",
                        List.of(), p -> new LabelCorrelationPenalty()),
                new Component<Objective>("multilabel-supcon", Kind.LOSS, "multilabel", List.of(14),
                        "supervised contrastive loss with Jaccard label-overlap weights (inputs embeddings [N, E], targets)",
                        List.of(tau), p -> new MultiLabelSupCon(p.real("tau"))),
                new Component<Objective>("hybrid-multilabel", Kind.LOSS, "multilabel", List.of(14),
                        "weighted BCE + lambda_corr·label-correlation + lambda_con·multi-label contrastive",
                        List.of(posWeight, Param.real("lambda_corr", 0.1, Range.atLeast(0), "weight of the correlation penalty"),
                                Param.real("lambda_con", 0.1, Range.atLeast(0), "weight of the contrastive term"), tau),
                        p -> new HybridMultiLabel(p.real(InputNames.POS_WEIGHT), p.real("lambda_corr"), p.real("lambda_con"), p.real("tau"))));
    }
}
