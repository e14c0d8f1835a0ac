package dev.losslab.lab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.losslab.core.Scalars;
import java.util.Random;

/**
 * TempNet (paper 54, spec 54; the official {@code TempNet} of the GPT-2 code, dropout off): a small
 * head predicting a per-sample temperature from a model's (detached) logits x ∈ ℝ^V:
 * x̂ = x/‖x‖₂; z = W₂·σ(W₁x̂ + b₁) + b₂ ∈ ℝ^M; a = softmax(z/e^s); d = w₃ᵀ((a − 1/M) ⊙ z) + b₃;
 * τ = (τ_max − τ_min)·σ(d) + τ_min. Returns τ [N]. Initialisation (spec 54's reproduction): W₁, W₂
 * ~ N(0, σ_w²), biases 0, s = 0, w₃ = 1, b₃ = 0; {@link #setWeights} sets W₁ and W₂ explicitly.
 */
public final class TempNet extends AbstractBlock {
    private final Linear first;
    private final Linear second;
    private final Parameter logScale;
    private final Parameter mixWeights;
    private final Parameter mixBias;
    private final int width;
    private final double tauMin;
    private final double tauMax;

    private TempNet(int width, double tauMin, double tauMax) {
        if (width < 1 || !(tauMin > 0) || !(tauMax > tauMin)) {
            throw new IllegalArgumentException("need width ≥ 1 and 0 < tauMin < tauMax, got " + width + ", " + tauMin + ", " + tauMax);
        }
        this.width = width;
        this.tauMin = tauMin;
        this.tauMax = tauMax;
        first = addChildBlock("first", Linear.builder().setUnits(width).build());
        second = addChildBlock("second", Linear.builder().setUnits(width).build());
        logScale = addParameter(Parameter.builder().setName("s").setType(Parameter.Type.OTHER).optInitializer(ai.djl.training.initializer.Initializer.ZEROS).optShape(new Shape(1)).build());
        mixWeights = addParameter(Parameter.builder().setName("w3").setType(Parameter.Type.OTHER).optInitializer(ai.djl.training.initializer.Initializer.ZEROS).optShape(new Shape(width)).build());
        mixBias = addParameter(Parameter.builder().setName("b3").setType(Parameter.Type.OTHER).optInitializer(ai.djl.training.initializer.Initializer.ZEROS).optShape(new Shape(1)).build());
    }

    /** A TempNet over {@code inputDim} logits with hidden width M, W₁ and W₂ drawn N(0, weightSd²) from {@code seed}. */
    public static TempNet create(NDManager manager, int inputDim, int width, double tauMin, double tauMax, double weightSd, long seed) {
        TempNet net = new TempNet(width, tauMin, tauMax);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, inputDim));
        Random r = new Random(seed);
        float[][] w1 = new float[width][inputDim];
        float[][] w2 = new float[width][width];
        for (float[][] w : new float[][][] {w1, w2}) {
            for (float[] row : w) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (r.nextGaussian() * weightSd);
                }
            }
        }
        net.setWeights(w1, w2);
        ParameterValues.assign(net.first.getParameters().get(1).getValue().getArray(), new float[width]);
        ParameterValues.assign(net.second.getParameters().get(1).getValue().getArray(), new float[width]);
        ParameterValues.assign(net.logScale.getArray(), new float[1]);
        float[] ones = new float[width];
        java.util.Arrays.fill(ones, 1f);
        ParameterValues.assign(net.mixWeights.getArray(), ones);
        ParameterValues.assign(net.mixBias.getArray(), new float[1]);
        return net;
    }

    /** Sets W₁ [M][V] and W₂ [M][M]. */
    public void setWeights(float[][] w1, float[][] w2) {
        ParameterValues.assign(first.getParameters().get(0).getValue().getArray(), flat(w1));
        ParameterValues.assign(second.getParameters().get(0).getValue().getArray(), flat(w2));
    }

    private static float[] flat(float[][] m) {
        float[] f = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * m[0].length, m[0].length);
        }
        return f;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray unit = x.div(x.norm(new int[] {1}, true));
        NDArray hidden = ai.djl.nn.Activation.sigmoid(first.forward(store, new NDList(unit), training, params).singletonOrThrow());
        NDArray z = second.forward(store, new NDList(hidden), training, params).singletonOrThrow();
        NDArray s = store.getValue(logScale, x.getDevice(), training);
        NDArray a = z.div(s.exp()).softmax(1);
        NDArray w3 = store.getValue(mixWeights, x.getDevice(), training);
        NDArray b3 = store.getValue(mixBias, x.getDevice(), training);
        NDArray d = Scalars.add(a, -1.0 / width).mul(z).matMul(w3).add(b3);
        return new NDList(Scalars.add(Scalars.mul(ai.djl.nn.Activation.sigmoid(d), tauMax - tauMin), tauMin));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, inputShapes);
        second.initialize(manager, dataType, new Shape(inputShapes[0].get(0), width));
    }
}
