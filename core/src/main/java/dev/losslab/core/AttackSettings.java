package dev.losslab.core;

import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;

/**
 * How a training loop finds the adversarial point x' of an objective that reads
 * {@link InputNames#ADVERSARIAL_LOGITS}: an ℓ2 ball of radius {@code gamma} &gt; 0 searched by
 * {@code steps} ≥ 1 projected ascent steps of size {@code stepSize}·gamma, stepSize &gt; 0.
 */
public record AttackSettings(double gamma, int steps, double stepSize) {
    public static final Param GAMMA = Param.real("gamma", 0.5, Range.greaterThan(0), "ℓ2 radius of the input ball (training)");
    public static final Param PGD_STEPS = Param.integer("pgd_steps", 10, Range.atLeast(1), "PGD ascent steps (training)");
    public static final Param PGD_STEP_SIZE = Param.real("pgd_step_size", 0.25, Range.greaterThan(0), "PGD step as a fraction of gamma (training)");

    /** gamma 0.5, 10 steps of 0.25·gamma (LossLab's choice for adv-comp-sum; the paper's values were not retrieved). */
    public static final AttackSettings DEFAULT = new AttackSettings(GAMMA.defaultReal(), PGD_STEPS.defaultInt(), PGD_STEP_SIZE.defaultReal());

    public AttackSettings {
        GAMMA.check(gamma);
        PGD_STEPS.check(steps);
        PGD_STEP_SIZE.check(stepSize);
    }

    /** An objective trained on adversarial logits says how its attack point is found. */
    public interface Attacked {
        AttackSettings attack();
    }
}
