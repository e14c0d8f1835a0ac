package dev.losslab.core.preference;

import static dev.losslab.core.InputNames.DEGREE_LABELS;
import static dev.losslab.core.InputNames.DEGREE_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import dev.losslab.core.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Self-supervised preference optimisation (SPO; paper 59, Li et al. 2024, spec 59): an alignment loss
 * plus λ times a self-supervised preference-degree loss. Variants of the chosen responses with a
 * growing share of their key content removed carry their removal degree k ∈ [0, K) as label; a head
 * on the policy's representation of each variant gives logits Z [M, K] ({@code degree_logits},
 * trained), and L_deg = (1/M) Σ_j CE(Z_j, k_j), ∂L_deg/∂Z = (softmax(Z) − onehot(k))/M. The value is
 * L = L_align + λ·L_deg, with L_deg (a batch scalar) added to every pair's alignment value so their
 * mean is L; λ = 0 gives the alignment loss and its gradients exactly. The alignment loss is any of
 * TRL's DPO loss types ({@code alignment}, default {@code dpo}) with the shared {@code beta}.
 * Uncertain in spec 59 and chosen here as its [PROPOSAL]: a cross-entropy classification over K
 * degree classes, λ = 0.5, only the chosen responses augmented.
 */
public final class Spo extends AbstractObjective {
    public static final Param ALIGNMENT = Param.choice("alignment", "dpo", PreferenceMixture.MEMBERS, "the alignment loss (one of TRL's DPO loss types)");
    public static final Param BETA = Param.real("beta", 0.1, Range.greaterThan(0), "β of the alignment loss");
    public static final Param LAMBDA = Param.real("lambda", 0.5, Range.atLeast(0), "weight λ of the preference-degree loss");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("spo", Kind.LOSS, "preference")
            .papers(59).summary("SPO: alignment loss + λ·cross-entropy of a preference-degree head on key-content-removed variants")
            .params(ALIGNMENT, BETA, LAMBDA)
            .build(p -> new Spo(Registry.defaults().objective(p.choice(ALIGNMENT), Map.of("beta", p.real(BETA))), p.real(LAMBDA)));

    private final Objective alignment;
    private final double lambda;

    /**
     * @param alignment a paired preference loss (one value per pair)
     * @param lambda λ ≥ 0
     */
    public Spo(Objective alignment, double lambda) {
        super(COMPONENT.name(), inputs(alignment));
        if (!(alignment instanceof PairedPreferenceLoss) && !(alignment instanceof PolicyPairLoss)) {
            throw new dev.losslab.core.InvalidArgumentException(ALIGNMENT.name(), alignment.name() + " is not a paired preference loss");
        }
        this.alignment = alignment;
        this.lambda = LAMBDA.check(lambda);
    }

    private static List<InputSpec> inputs(Objective alignment) {
        List<InputSpec> all = new ArrayList<>(alignment.inputs());
        all.add(InputSpec.trained(DEGREE_LOGITS, "[M, K] degree-head logits of the chosen responses' variants"));
        all.add(InputSpec.target(DEGREE_LABELS, "[M] removal degree of each variant, in [0, K)"));
        return all;
    }

    /** The degree loss L_deg alone (a scalar). */
    public static NDArray degreeLoss(NDArray logits, NDArray labels) {
        Checks.matrix(DEGREE_LOGITS, logits, 2);
        NDArray y = Checks.labels(DEGREE_LABELS, labels, logits.getShape().get(0), logits.getShape().get(1));
        return Tensors.softplus(Tensors.labelLogOdds(logits, y)).mean();
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray align = alignment.perSample(inputs);
        NDArray logits = inputs.get(DEGREE_LOGITS);
        if (logits.getDataType() != align.getDataType()) {
            // DJL's type conversion carries no gradient on the PyTorch engine
            throw new dev.losslab.core.InvalidArgumentException(DEGREE_LOGITS, "must have the policy log-probs' data type " + align.getDataType()
                    + ", got " + logits.getDataType());
        }
        return align.add(Scalars.mul(degreeLoss(logits, inputs.get(DEGREE_LABELS)), lambda));
    }
}
