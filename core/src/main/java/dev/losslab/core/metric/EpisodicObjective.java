package dev.losslab.core.metric;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import java.util.List;
import java.util.Map;

/**
 * Adapts an episode loss (inputs support/query) to one embedding matrix, so a plain training loop
 * can run episodes: {@code embeddings} [S + Q, E] and {@code labels} [S + Q] hold the support first
 * (S rows) and then the queries, with episode labels 0..n−1.
 */
public final class EpisodicObjective extends AbstractObjective {
    private final Objective episodeLoss;
    private final int supportSize;

    public EpisodicObjective(Objective episodeLoss, int supportSize) {
        super(episodeLoss.name(), List.of(InputSpec.trained(InputNames.EMBEDDINGS, "[S + Q, E] support rows first"),
                InputSpec.target(InputNames.LABELS, "[S + Q] in 0..n−1")));
        this.episodeLoss = episodeLoss;
        this.supportSize = supportSize;
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray z = inputs.get(InputNames.EMBEDDINGS);
        NDArray y = inputs.get(InputNames.LABELS);
        String s = ":" + supportSize;
        String q = supportSize + ":";
        return episodeLoss.perSample(Inputs.of(Map.of(InputNames.SUPPORT, z.get(s), InputNames.SUPPORT_LABELS, y.get(s), InputNames.QUERY, z.get(q),
                InputNames.QUERY_LABELS, y.get(q))));
    }
}
