package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/**
 * UER's classifier (paper 48, spec 48): a backbone h = φ(x) (one ReLU layer) and a bias-free linear
 * head whose rows w_c give dot-product logits z_c = w_cᵀh = ‖w_c‖·‖h‖·cos θ_c. The block's forward
 * returns the features h (or, built with {@code logitsOutput}, the logits); the head's weight W [C, D] is a parameter of the block (so an
 * optimizer updates it) that the objective reads as an input ({@code class_weights}, fed with
 * {@code InputSource.parameter(classWeights())}). Backbone weights He normal, biases 0; W ~ N(0, 1/D).
 */
public final class NormAngleClassifier extends AbstractBlock {
    private final SequentialBlock backbone;
    private final Linear head;
    private final boolean logitsOutput;

    private NormAngleClassifier(int hidden, int classes, boolean logitsOutput) {
        this.logitsOutput = logitsOutput;
        backbone = addChildBlock("backbone", new SequentialBlock().add(Linear.builder().setUnits(hidden).build()).add(Activation::relu));
        head = addChildBlock("head", Linear.builder().setUnits(classes).optBias(false).build());
    }

    /**
     * @param logitsOutput return the dot-product logits W h instead of h (for objectives on logits,
     *     such as plain experience replay's cross-entropy); the parameters and their values are the same
     */
    public static NormAngleClassifier create(NDManager manager, int inputDim, int hidden, int classes, long seed, boolean logitsOutput) {
        NormAngleClassifier block = new NormAngleClassifier(hidden, classes, logitsOutput);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        Random rng = new Random(seed);
        for (var p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            Shape s = a.getShape();
            float[] values = new float[(int) s.size()];
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                double sd = p.getValue() == block.classWeights() ? Math.sqrt(1.0 / s.get(1)) : Math.sqrt(2.0 / s.get(1));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (rng.nextGaussian() * sd);
                }
            }
            ParameterValues.assign(a, values);
        }
        return block;
    }

    /** The head's weight W [C, D]. */
    public Parameter classWeights() {
        return head.getParameters().get(0).getValue();
    }

    /** The dot-product logits W h [N][C] of host features h [N][D] (inference). */
    public float[][] dotLogits(float[][] features) {
        float[] w = classWeights().getArray().toFloatArray();
        int d = features.length == 0 ? 0 : features[0].length;
        int classes = w.length / Math.max(d, 1);
        float[][] z = new float[features.length][classes];
        for (int i = 0; i < features.length; i++) {
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (double) w[c * d + j] * features[i][j];
                }
                z[i][c] = (float) s;
            }
        }
        return z;
    }

    /** Whether {@link #forward} returns the logits W h (else the features h). */
    public boolean logitsOutput() {
        return logitsOutput;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList h = backbone.forward(store, inputs, training, params);
        return logitsOutput ? head.forward(store, h, training, params) : h;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] h = backbone.getOutputShapes(inputShapes);
        return logitsOutput ? head.getOutputShapes(h) : h;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, backbone.getOutputShapes(inputShapes));
    }
}
