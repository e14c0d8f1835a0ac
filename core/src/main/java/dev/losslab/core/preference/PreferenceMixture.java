package dev.losslab.core.preference;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import dev.losslab.core.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A weighted sum of paired preference losses: TRL's {@code DPOTrainer} with a list
 * {@code loss_type} and {@code loss_weights} (main f2cd577; catalogued in paper 56, spec 56),
 * L = Σ_k w_k · mean_i ℓ_k,i, so the per-pair values are Σ_k w_k ℓ_k,i. Weights default to 1 each,
 * as in TRL. MPO is {@code loss_type = dpo,bco-pair,sft} with {@code loss_weights = 0.8,0.2,1}.
 * Registered, the mixture shares TRL's one {@code beta} and f-divergence ({@code divergence},
 * {@code alpha}) with every member that has them; the members' other parameters keep their
 * defaults (build it from Java with configured members for anything else). Its inputs are the
 * union of the members' inputs.
 */
public final class PreferenceMixture extends AbstractObjective {
    /** TRL's DPO loss types, by their LossLab names. */
    static final List<String> MEMBERS = List.of("dpo", "slic-hinge", "ipo", "exo-pair", "nca-pair", "rdpo", "bco-pair", "sppo-hard", "aot",
            "aot-unpaired", "apo-zero", "apo-down", "discopop", "sigmoid-norm", "sft");

    public static final Param LOSS_TYPE = Param.choices("loss_type", List.of("dpo"), MEMBERS, "the members, comma-separated (TRL's loss_type list)");
    public static final Param LOSS_WEIGHTS = Param.reals("loss_weights", List.of(), Range.atLeast(0),
            "one weight per member, comma-separated (empty: 1 each, TRL's default)");
    public static final Param BETA = Param.real("beta", 0.1, Range.greaterThan(0), "β shared by every member that has one");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("preference-mixture", Kind.LOSS, "preference")
            .papers(56).summary("Σ_k w_k × mean loss_k over TRL's DPO loss types (loss_type list with loss_weights; MPO = dpo, bco-pair, sft at 0.8, 0.2, 1)")
            .params(LOSS_TYPE, LOSS_WEIGHTS, BETA, Divergence.PARAM, Divergence.ALPHA_PARAM)
            .build(p -> of(p.choices(LOSS_TYPE), p.reals(LOSS_WEIGHTS),
                    Map.of(BETA.name(), p.real(BETA), Divergence.PARAM.name(), p.choice(Divergence.PARAM), Divergence.ALPHA_PARAM.name(), p.real(Divergence.ALPHA_PARAM))));

    private final List<Objective> members;
    private final double[] weights;

    /**
     * @param members paired preference losses (one value per pair)
     * @param weights one weight ≥ 0 per member
     */
    public PreferenceMixture(List<Objective> members, double[] weights) {
        super(COMPONENT.name(), union(members));
        if (members.isEmpty()) {
            throw new InvalidArgumentException(LOSS_TYPE.name(), "needs at least one loss");
        }
        if (weights.length != members.size()) {
            throw new InvalidArgumentException(LOSS_WEIGHTS.name(), "must have one weight per loss type: " + weights.length + " weights for " + members.size() + " losses");
        }
        for (Objective m : members) {
            if (!(m instanceof PairedPreferenceLoss) && !(m instanceof PolicyPairLoss)) {
                throw new InvalidArgumentException(LOSS_TYPE.name(), m.name() + " is not a paired preference loss (one value per pair)");
            }
        }
        for (double w : weights) {
            LOSS_WEIGHTS.check(w);
        }
        this.members = List.copyOf(members);
        this.weights = weights.clone();
    }

    /** The registered members {@code names} with the shared parameters each declares, weighted by {@code weights} (empty: 1 each). */
    public static PreferenceMixture of(List<String> names, double[] weights, Map<String, ?> shared) {
        Registry registry = Registry.defaults();
        List<Objective> members = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> params = new HashMap<>();
            for (Param p : registry.get(name).params()) {
                if (shared.containsKey(p.name())) {
                    params.put(p.name(), shared.get(p.name()));
                }
            }
            members.add(registry.objective(name, params));
        }
        double[] w = weights.length == 0 ? ones(names.size()) : weights;
        return new PreferenceMixture(members, w);
    }

    public List<Objective> members() {
        return members;
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray total = null;
        for (int k = 0; k < members.size(); k++) {
            NDArray term = dev.losslab.core.Scalars.mul(members.get(k).perSample(inputs), weights[k]);
            total = total == null ? term : total.add(term);
        }
        return total;
    }

    private static List<InputSpec> union(List<Objective> members) {
        Map<String, InputSpec> all = new LinkedHashMap<>();
        for (Objective m : members) {
            for (InputSpec s : m.inputs()) {
                InputSpec seen = all.get(s.name());
                all.put(s.name(), seen == null || seen.optional() ? s : seen);
            }
        }
        return new ArrayList<>(all.values());
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }
}
