package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.losslab.core.Scalars;
import dev.losslab.core.Tensors;

/**
 * Summed log-probabilities of completions under a next-character model: the input row of one
 * completion holds, for each of its L positions, the k context character ids, the target id (−1 for
 * padding after the completion ends) and the position's weight, L·(k + 2) floats ({@link #encode});
 * the output is Σ_t w_t·log π(target_t | context_t) over the non-padding positions, shape [P]. The
 * log-probs are the policy inputs of the preference losses (TRL's {@code concatenated_forward},
 * summed over the completion tokens; weights other than 1 give LD-DPO's down-weighted tail).
 */
public final class SequenceLogProbBlock extends AbstractBlock {
    private final Block lm;
    private final int context;

    SequenceLogProbBlock(Block lm, int context) {
        super((byte) 1);
        this.lm = addChildBlock("lm", lm);
        this.context = context;
    }

    /**
     * Encodes the completion {@code completion} following {@code prompt} (character ids) into a row
     * of {@code length} positions, padding earlier context with {@code pad}, every position weighted 1.
     */
    public static float[] encode(int[] prompt, int[] completion, int length, int context, int pad) {
        return encode(prompt, completion, length, context, pad, completion.length, 1);
    }

    /**
     * As {@link #encode(int[], int[], int, int, int)}, the first {@code shared} positions weighted 1
     * and the later ones {@code tailWeight} (LD-DPO's α beyond the pair's shared length).
     */
    public static float[] encode(int[] prompt, int[] completion, int length, int context, int pad, int shared, double tailWeight) {
        if (completion.length > length) {
            throw new IllegalArgumentException("completion of " + completion.length + " characters exceeds the row length " + length);
        }
        int[] text = new int[prompt.length + completion.length];
        System.arraycopy(prompt, 0, text, 0, prompt.length);
        System.arraycopy(completion, 0, text, prompt.length, completion.length);
        int width = context + 2;
        float[] row = new float[length * width];
        for (int j = 0; j < length; j++) {
            int p = prompt.length + j;
            for (int c = 0; c < context; c++) {
                int at = p - context + c;
                row[j * width + c] = at >= 0 && at < text.length ? text[at] : pad;
            }
            row[j * width + context] = j < completion.length ? completion[j] : -1;
            row[j * width + context + 1] = j < shared ? 1 : (float) tailWeight;
        }
        return row;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long p = x.getShape().get(0);
        long positions = x.getShape().get(1) / (context + 2);
        NDArray rows = x.reshape(p * positions, context + 2);
        NDArray contexts = rows.get(":, 0:" + context);
        NDArray targets = rows.get(":, " + context);
        NDArray mask = targets.gte(0).toType(DataType.FLOAT32, false).mul(rows.get(":, " + (context + 1)));
        NDArray logp = lm.forward(store, new NDList(contexts), training).singletonOrThrow().logSoftmax(1);
        NDArray picked = Tensors.pick(logp, Scalars.max(targets, 0).toType(DataType.INT64, false));
        return new NDList(picked.mul(mask).reshape(p, positions).sum(new int[] {1}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        lm.initialize(manager, dataType, new Shape(1, context));
    }
}
