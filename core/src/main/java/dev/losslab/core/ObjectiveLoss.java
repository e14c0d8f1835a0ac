package dev.losslab.core;

import static dev.losslab.core.InputNames.WEIGHTS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Adapts an {@link Objective} to DJL's {@link Loss}, so it drops into a plain DJL {@code Trainer}.
 *
 * <p>Mapping, by name and never by guesswork: the {@code predictions} list fills the objective's
 * trained inputs in declaration order (for classification: {@code logits}). The {@code labels}
 * list fills the <em>label layout</em>: by default the objective's required data inputs in
 * declaration order (for classification: {@code labels}); {@link #withLabels} names it explicitly,
 * for example {@code withLabels("labels", "weights")} for per-sample {@link InputNames#WEIGHTS} or
 * {@code withLabels("labels", "sample_ids")} for ALDR-KL's ids. An array whose DJL name
 * ({@link NDArray#setName}) is one of the objective's inputs or {@code weights} goes to that input
 * wherever it stands. Any array left over, and any required input left empty, is an error that says
 * what was expected. {@link #evaluate} returns the reduced loss (mean by default).
 */
public final class ObjectiveLoss extends Loss {
    private final Objective objective;
    private final Reduction reduction;
    private final List<String> labelLayout;
    private final Set<String> mappable;

    public ObjectiveLoss(Objective objective) {
        this(objective, Reduction.MEAN);
    }

    public ObjectiveLoss(Objective objective, Reduction reduction) {
        this(objective, reduction, defaultLayout(objective));
    }

    private ObjectiveLoss(Objective objective, Reduction reduction, List<String> labelLayout) {
        super(objective.name());
        this.objective = objective;
        this.reduction = reduction;
        this.labelLayout = List.copyOf(labelLayout);
        this.mappable = mappable(objective);
    }

    /**
     * The same adapter with the labels list read as the named inputs {@code names}, in order (each an
     * input of the objective, or {@code weights}).
     */
    public ObjectiveLoss withLabels(String... names) {
        Set<String> seen = new TreeSet<>();
        for (String n : names) {
            if (!mappable.contains(n)) {
                throw new InvalidArgumentException("labels layout", "'" + n + "' is not an input of " + objective.name() + " (inputs: " + mappable + ")");
            }
            if (!seen.add(n)) {
                throw new InvalidArgumentException("labels layout", "'" + n + "' is given twice");
            }
        }
        return new ObjectiveLoss(objective, reduction, List.of(names));
    }

    public Objective objective() {
        return objective;
    }

    /** The input names the labels list is read as, in order. */
    public List<String> labelLayout() {
        return labelLayout;
    }

    /** Builds the named inputs from DJL's label and prediction lists. */
    public Inputs toInputs(NDList labels, NDList predictions) {
        Map<String, NDArray> m = new LinkedHashMap<>();
        List<String> trained = new ArrayList<>();
        for (InputSpec s : objective.inputs()) {
            if (s.trained()) {
                trained.add(s.name());
            }
        }
        place(m, predictions, trained, "predictions list");
        place(m, labels, labelLayout, "labels list");
        for (InputSpec s : objective.inputs()) {
            if (!s.optional() && !m.containsKey(s.name())) {
                throw new InvalidArgumentException(s.name(), "missing: " + objective.name() + " reads it from the " + (s.trained() ? "predictions list" : "labels list")
                        + " (labels layout " + labelLayout + "; see ObjectiveLoss.withLabels)");
            }
        }
        return Inputs.of(m);
    }

    /** Named arrays go to their input; the others fill {@code layout} in order. */
    private void place(Map<String, NDArray> m, NDList list, List<String> layout, String listName) {
        List<NDArray> unnamed = new ArrayList<>();
        for (NDArray a : list) {
            String n = a.getName();
            if (n != null && mappable.contains(n)) {
                if (m.put(n, a) != null) {
                    throw new InvalidArgumentException(n, "given twice in the " + listName);
                }
            } else {
                unnamed.add(a);
            }
        }
        int next = 0;
        for (String n : layout) {
            if (next == unnamed.size()) {
                break;
            }
            if (!m.containsKey(n)) {
                m.put(n, unnamed.get(next++));
            }
        }
        if (next < unnamed.size()) {
            throw new InvalidArgumentException(listName, list.size() + " arrays, but " + objective.name() + " reads " + layout + " from it; "
                    + "declare the layout with ObjectiveLoss.withLabels(...) or name the extra arrays (NDArray.setName) after one of " + mappable);
        }
    }

    /** Every input name of the objective, plus {@code weights}. */
    private static Set<String> mappable(Objective objective) {
        Set<String> names = new TreeSet<>();
        objective.inputs().forEach(s -> names.add(s.name()));
        names.add(InputNames.WEIGHTS);
        return names;
    }

    private static List<String> defaultLayout(Objective objective) {
        List<String> layout = new ArrayList<>();
        for (InputSpec s : objective.inputs()) {
            if (!s.trained() && !s.optional()) {
                layout.add(s.name());
            }
        }
        return layout;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return objective.compute(toInputs(labels, predictions), reduction);
    }
}
