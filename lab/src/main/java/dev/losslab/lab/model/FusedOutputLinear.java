package dev.losslab.lab.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A linear output layer z = x·Wᵀ + b (a DJL {@link Linear}, W [C, in], b [C]) for a loss that
 * applies it itself: in training the block hands its input x on unchanged, and the loss
 * ({@code fused-linear-cross-entropy}) reads W and b as inputs ({@code output_weights},
 * {@code output_bias}) and computes the logits a vocabulary chunk at a time; in inference it
 * returns the logits. Its parameters belong to the model, so the optimizer and weight averaging
 * treat them as any layer's, and it saves and loads exactly as the {@code Linear} it wraps: a model
 * trained with it loads as the plain MLP.
 */
public final class FusedOutputLinear extends AbstractBlock {
    private final Linear linear;

    public FusedOutputLinear(int outputs) {
        linear = addChildBlock("linear", Linear.builder().setUnits(outputs).build());
    }

    /** Whether {@code objective} applies the output layer itself: it reads the last hidden layer ({@code embeddings}) and {@code output_weights}. */
    public static boolean appliesTo(dev.losslab.core.Objective objective) {
        java.util.Set<String> names = new java.util.HashSet<>();
        objective.inputs().forEach(spec -> names.add(spec.name()));
        return names.contains(dev.losslab.core.InputNames.EMBEDDINGS) && names.contains(dev.losslab.core.InputNames.OUTPUT_WEIGHTS);
    }

    /** W [C, in]. */
    public Parameter weight() {
        return linear.getParameters().get("weight");
    }

    /** b [C]. */
    public Parameter bias() {
        return linear.getParameters().get("bias");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return training ? inputs : linear.forward(store, inputs, false, params);
    }

    @Override
    public void saveParameters(java.io.DataOutputStream os) throws java.io.IOException {
        linear.saveParameters(os);
    }

    @Override
    public void loadParameters(ai.djl.ndarray.NDManager manager, java.io.DataInputStream is) throws java.io.IOException, ai.djl.MalformedModelException {
        linear.loadParameters(manager, is);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return linear.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        linear.initialize(manager, dataType, inputShapes);
    }
}
