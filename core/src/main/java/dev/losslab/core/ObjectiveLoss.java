package dev.losslab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapts an {@link Objective} to DJL's {@link Loss}, so it drops into a plain DJL {@code Trainer}.
 *
 * <p>Mapping: the {@code predictions} list fills the objective's trained inputs in declaration
 * order (for classification: {@code logits}); the {@code labels} list fills its remaining
 * inputs in declaration order (for classification: {@code labels}; for distillation also
 * {@code teacher_logits}). One extra trailing label array, if present, is taken as per-sample
 * {@link Inputs#WEIGHTS}. {@link #evaluate} returns the reduced loss (mean by default).
 */
public final class ObjectiveLoss extends Loss {
    private final Objective objective;
    private final Reduction reduction;

    public ObjectiveLoss(Objective objective) {
        this(objective, Reduction.MEAN);
    }

    public ObjectiveLoss(Objective objective, Reduction reduction) {
        super(objective.name());
        this.objective = objective;
        this.reduction = reduction;
    }

    public Objective objective() {
        return objective;
    }

    /** Builds the named inputs from DJL's label and prediction lists. */
    public Inputs toInputs(NDList labels, NDList predictions) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        int p = 0;
        int l = 0;
        List<InputSpec> specs = objective.inputs();
        for (InputSpec s : specs) {
            NDList from = s.trained() ? predictions : labels;
            int i = s.trained() ? p++ : l++;
            if (i < from.size()) {
                m.put(s.name(), from.get(i));
            } else if (!s.optional()) {
                throw new InvalidArgumentException(
                        s.name(), "missing: expected at position " + i + " of the " + (s.trained() ? "predictions" : "labels") + " list");
            }
        }
        if (l < labels.size()) {
            m.put(Inputs.WEIGHTS, labels.get(l));
        }
        return Inputs.of(m);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return objective.compute(toInputs(labels, predictions), reduction);
    }
}
