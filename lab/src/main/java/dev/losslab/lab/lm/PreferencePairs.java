package dev.losslab.lab.lm;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.lab.model.SequenceLogProbBlock;

/**
 * Preference pairs over character ids: a prompt, a chosen and a rejected completion each (TRL's
 * {@code prompt}, {@code chosen}, {@code rejected} columns).
 */
public record PreferencePairs(int[][] prompts, int[][] chosen, int[][] rejected) {

    public PreferencePairs {
        if (prompts.length == 0) {
            throw new InvalidArgumentException("pairs", "no preference pairs");
        }
        if (chosen.length != prompts.length || rejected.length != prompts.length) {
            throw new InvalidArgumentException("pairs", "prompts, chosen and rejected differ in number");
        }
        for (int i = 0; i < prompts.length; i++) {
            if (chosen[i].length == 0 || rejected[i].length == 0) {
                throw new InvalidArgumentException("pairs", "pair " + i + " has an empty completion");
            }
        }
    }

    public int size() {
        return prompts.length;
    }

    /** The longest completion. */
    public int maxLength() {
        int m = 0;
        for (int i = 0; i < size(); i++) {
            m = Math.max(m, Math.max(chosen[i].length, rejected[i].length));
        }
        return m;
    }

    /** The chosen (or rejected) completions encoded for {@link SequenceLogProbBlock}, padded to {@link #maxLength}. */
    public float[][] rows(boolean chosenSide, int context, int pad) {
        return rows(chosenSide, context, pad, 1);
    }

    /**
     * As {@link #rows(boolean, int, int)} with LD-DPO's weighting (TRL's {@code ld_alpha}): positions
     * beyond the pair's shared length min(|y_w|, |y_l|) weighted {@code ldAlpha} (1 = plain sums).
     */
    public float[][] rows(boolean chosenSide, int context, int pad, double ldAlpha) {
        int length = maxLength();
        float[][] rows = new float[size()][];
        for (int i = 0; i < size(); i++) {
            int shared = Math.min(chosen[i].length, rejected[i].length);
            rows[i] = SequenceLogProbBlock.encode(prompts[i], chosenSide ? chosen[i] : rejected[i], length, context, pad, shared, ldAlpha);
        }
        return rows;
    }

    /** Completion lengths (token counts) of one side. */
    public float[] lengths(boolean chosenSide) {
        float[] l = new float[size()];
        for (int i = 0; i < size(); i++) {
            l[i] = (chosenSide ? chosen[i] : rejected[i]).length;
        }
        return l;
    }

    /** These pairs with the labels of {@code flip[i]} pairs swapped. */
    public PreferencePairs flipped(boolean[] flip) {
        int[][] c = new int[size()][];
        int[][] r = new int[size()][];
        for (int i = 0; i < size(); i++) {
            c[i] = flip[i] ? rejected[i] : chosen[i];
            r[i] = flip[i] ? chosen[i] : rejected[i];
        }
        return new PreferencePairs(prompts, c, r);
    }
}
