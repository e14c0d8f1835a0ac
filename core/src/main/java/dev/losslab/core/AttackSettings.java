package dev.losslab.core;

/**
 * How a training loop finds the adversarial point x' of an objective that reads
 * {@link InputNames#ADVERSARIAL_LOGITS}: an ℓ2 ball of radius {@code gamma} &gt; 0 searched by
 * {@code steps} ≥ 1 projected ascent steps of size {@code stepSize}·gamma, stepSize &gt; 0.
 */
public record AttackSettings(double gamma, int steps, double stepSize) {
    /** gamma 0.5, 10 steps of 0.25·gamma (LossLab's choice for adv-comp-sum; the paper's values were not retrieved). */
    public static final AttackSettings DEFAULT = new AttackSettings(0.5, 10, 0.25);

    public AttackSettings {
        Checks.positive("gamma", gamma);
        if (steps < 1) {
            throw new InvalidArgumentException("pgd_steps", "must be at least 1, got " + steps);
        }
        Checks.positive("pgd_step_size", stepSize);
    }

    /** An objective trained on adversarial logits says how its attack point is found. */
    public interface Attacked {
        AttackSettings attack();
    }
}
