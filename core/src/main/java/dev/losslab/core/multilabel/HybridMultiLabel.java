package dev.losslab.core.multilabel;

import ai.djl.ndarray.NDArray;
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
 * The hybrid multi-label loss of paper 14 as spec 14 instantiates it:
 * L = L_wBCE + lambda_corr·L_corr + lambda_con·L_con ({@link WeightedBce},
 * {@link LabelCorrelationPenalty}, {@link MultiLabelSupCon}). The correlation term needs the input
 * {@code correlation}, the contrastive term the trained input {@code embeddings}; a term whose
 * weight is 0 needs nothing. Defaults 0.1 and 0.1 are spec 14's, not the paper's.
 */
public final class HybridMultiLabel extends MultiLabelObjective {
    public static final Param LAMBDA_CORR = Param.real("lambda_corr", 0.1, Range.atLeast(0), "weight of the correlation penalty");
    public static final Param LAMBDA_CON = Param.real("lambda_con", 0.1, Range.atLeast(0), "weight of the contrastive term");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("hybrid-multilabel", Kind.LOSS, "multilabel")
            .papers(14).summary("weighted BCE + lambda_corr·label-correlation + lambda_con·multi-label contrastive")
            .params(WeightedBce.POS_WEIGHT_PARAM, LAMBDA_CORR, LAMBDA_CON, MultiLabelSupCon.TAU)
            .build(p -> new HybridMultiLabel(p.real(WeightedBce.POS_WEIGHT_PARAM), p.real(LAMBDA_CORR), p.real(LAMBDA_CON), p.real(MultiLabelSupCon.TAU)));

    private final WeightedBce bce;
    private final double lambdaCorr;
    private final double lambdaCon;
    private final double tau;

    public HybridMultiLabel(double posWeight, double lambdaCorr, double lambdaCon, double tau) {
        super(COMPONENT.name());
        this.bce = new WeightedBce(posWeight);
        this.lambdaCorr = LAMBDA_CORR.check(lambdaCorr);
        this.lambdaCon = LAMBDA_CON.check(lambdaCon);
        this.tau = MultiLabelSupCon.TAU.check(tau);
    }

    @Override
    public List<InputSpec> inputs() {
        return List.of(super.inputs().get(0), super.inputs().get(1),
                new InputSpec(InputNames.EMBEDDINGS, "[N, E] (when lambda_con > 0)", true, lambdaCon == 0),
                new InputSpec(InputNames.CORRELATION, "[L, L] (when lambda_corr > 0)", false, lambdaCorr == 0),
                new InputSpec(InputNames.POS_WEIGHT, "[L] per-label positive weights", false, true));
    }

    @Override
    protected NDArray perSample(NDArray o, NDArray y, Inputs inputs) {
        NDArray loss = WeightedBce.entries(o, y, bce.weights(o, inputs)).mean(new int[] {-1});
        if (lambdaCorr > 0) {
            loss = loss.add(Scalars.mul(LabelCorrelationPenalty.penalty(o, LabelCorrelationPenalty.correlation(o, inputs)), lambdaCorr));
        }
        if (lambdaCon > 0) {
            NDArray z = inputs.get(InputNames.EMBEDDINGS);
            dev.losslab.core.Checks.matrix(InputNames.EMBEDDINGS, z, 1);
            if (z.getShape().get(0) != o.getShape().get(0)) {
                throw new InvalidArgumentException(InputNames.EMBEDDINGS, "expected " + o.getShape().get(0) + " rows, got " + z.getShape().get(0));
            }
            loss = loss.add(Scalars.mul(MultiLabelSupCon.loss(z, y, tau), lambdaCon));
        }
        return loss;
    }
}
