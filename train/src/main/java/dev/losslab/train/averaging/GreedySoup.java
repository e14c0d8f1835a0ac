package dev.losslab.train.averaging;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Registered;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The greedy soup of paper 45 (Algorithm 1; spec 45): models sorted by validation score, best
 * first (a stable sort: ties keep the lower index first — the official code's sort-then-reverse
 * puts the higher index first); the soup starts as the best model; each next model is tried once,
 * the candidate being the mean of the ingredients and it, computed as soup·n/(n+1) + θ/(n+1), and
 * kept when its validation score is ≥ the best so far ({@code accept = ">="}, the paper) or > it
 * ({@code accept = ">"}, the official {@code main.py}). The result scores at least as well as the
 * best single model on the validation data.
 */
public final class GreedySoup implements Soup {
    public static final Param ACCEPT = Param.choice("accept", ">=", List.of(">=", ">"), "add an ingredient when the candidate's score is ≥ (paper) or > (code) the best");

    @Registered
    public static final Component<Soup> COMPONENT = Component.declare("greedy-soup", Kind.AVERAGING, "averaging").papers(45)
            .summary("greedy soup: add models in order of validation score while the averaged model's validation score does not drop")
            .params(ACCEPT).build(p -> new GreedySoup(p.choice(ACCEPT).equals(">")));

    private final boolean strict;
    private List<Integer> ingredients = List.of();

    public GreedySoup(boolean strict) {
        this.strict = strict;
    }

    @Override
    public StateDict cook(List<StateDict> models, ToDoubleFunction<StateDict> validation) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: need at least one");
        }
        double[] scores = models.stream().mapToDouble(validation).toArray();
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> -scores[k]));
        List<Integer> kept = new ArrayList<>(List.of(order.get(0)));
        StateDict soup = models.get(order.get(0));
        double best = scores[order.get(0)];
        for (int i = 1; i < order.size(); i++) {
            int n = kept.size();
            StateDict candidate = StateDict.combine(List.of(soup, models.get(order.get(i))), new double[] {n / (n + 1.0), 1 / (n + 1.0)});
            double score = validation.applyAsDouble(candidate);
            if (strict ? score > best : score >= best) {
                soup = candidate;
                best = score;
                kept.add(order.get(i));
            }
        }
        ingredients = List.copyOf(kept);
        return soup;
    }

    /** The models (by index) the last {@link #cook} kept, in the order they were added. */
    public List<Integer> ingredients() {
        return ingredients;
    }
}
