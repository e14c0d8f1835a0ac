package dev.losslab.core.distill;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.STUDENT_LOGITS;

import ai.djl.ndarray.NDArray;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.TrainingHook;
import java.util.ArrayList;
import java.util.List;

/**
 * A distiller's training objective: ℓ = w_ce·CE(student_logits, labels) + w_kd·warm·L, with L any
 * distillation loss of this package (its teacher logits, aux logits and labels read as it declares
 * them). The warm-up is DKD's (mdistiller: warm = min(epoch/W, 1) with epochs counted from 1, here
 * min((e + 1)/W, 1) for the 0-based epoch e; W = 0 switches it off), set by the loop through
 * {@link TrainingHook#beforeStep}: that one field is this objective's state. Spec 37's mixes:
 * KD 0.1·CE + 0.9·KD (mdistiller) or 0.5/0.5 (cls_KD); NKD, DKD and USKD CE + 1·L.
 */
public final class DistillationObjective extends AbstractObjective implements TrainingHook {
    private final Objective distill;
    private final double ceWeight;
    private final double distillWeight;
    private final int warmupEpochs;
    private double warm = 1;

    /**
     * @param distill a distillation loss on {@code student_logits}
     * @param ceWeight w_ce ≥ 0
     * @param distillWeight w_kd ≥ 0
     * @param warmupEpochs W ≥ 0 (0: no warm-up)
     */
    public DistillationObjective(Objective distill, double ceWeight, double distillWeight, int warmupEpochs) {
        super("distill:" + distill.name(), inputs(distill));
        if (distill.inputs().stream().noneMatch(s -> s.name().equals(STUDENT_LOGITS))) {
            throw new InvalidArgumentException("loss", distill.name() + " is not a distillation loss (it does not read " + STUDENT_LOGITS + ")");
        }
        this.distill = distill;
        this.ceWeight = dev.losslab.core.Checks.nonNegative("ce_weight", ceWeight);
        this.distillWeight = dev.losslab.core.Checks.nonNegative("distill_weight", distillWeight);
        if (warmupEpochs < 0) {
            throw new InvalidArgumentException("warmup_epochs", "must be ≥ 0, got " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
    }

    private static List<InputSpec> inputs(Objective distill) {
        List<InputSpec> all = new ArrayList<>(List.of(InputSpec.trained(STUDENT_LOGITS, "[N, C] student logits"),
                InputSpec.target(LABELS, "[N] integers in [0, C)")));
        for (InputSpec s : distill.inputs()) {
            if (all.stream().noneMatch(a -> a.name().equals(s.name()))) {
                all.add(s);
            }
        }
        return all;
    }

    /** The current warm-up factor. */
    public double warm() {
        return warm;
    }

    @Override
    public void beforeStep(int epoch, int totalEpochs) {
        warm = warmupEpochs == 0 ? 1 : Math.min(1, (epoch + 1) / (double) warmupEpochs);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray value = Scalars.mul(DistillationLoss.crossEntropy(inputs.get(STUDENT_LOGITS), inputs.get(LABELS)), ceWeight);
        return value.add(Scalars.mul(distill.perSample(inputs), distillWeight * warm));
    }
}
