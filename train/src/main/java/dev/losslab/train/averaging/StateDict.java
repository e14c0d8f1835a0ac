package dev.losslab.train.averaging;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's weights as host arrays, parameter name → values in the block's parameter order (a
 * PyTorch {@code state_dict} without buffers: LossLab's models have none). Models to be averaged
 * must share the architecture, hence names and sizes.
 */
public record StateDict(Map<String, float[]> tensors) {
    public StateDict {
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** A copy of the block's current parameter values. */
    public static StateDict of(Block block) {
        Map<String, float[]> t = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            t.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return new StateDict(t);
    }

    /** Writes these values into the block's parameters (in place, keeping their gradient flags). */
    public void loadInto(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = tensors.get(p.getKey());
            if (v == null) {
                throw new IllegalArgumentException("state dict has no tensor " + p.getKey());
            }
            NDArray a = p.getValue().getArray();
            if (a.size() != v.length) {
                throw new IllegalArgumentException(p.getKey() + ": " + v.length + " values for a tensor of shape " + a.getShape());
            }
            try (NDArray values = a.getManager().create(v, a.getShape()).toType(a.getDataType(), false)) {
                a.subi(a).addi(values);
            }
        }
    }

    /** Σ_k c_k·θ_k over models of one architecture, accumulated in float64. */
    public static StateDict combine(List<StateDict> models, double[] coefficients) {
        if (models.isEmpty() || models.size() != coefficients.length) {
            throw new IllegalArgumentException("need one coefficient per model, got " + models.size() + " models and " + coefficients.length + " coefficients");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, float[]> e : models.get(0).tensors().entrySet()) {
            double[] sum = new double[e.getValue().length];
            for (int k = 0; k < models.size(); k++) {
                float[] v = models.get(k).tensors().get(e.getKey());
                if (v == null || v.length != sum.length) {
                    throw new IllegalArgumentException("model " + k + " differs from model 0 at tensor " + e.getKey());
                }
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += coefficients[k] * v[i];
                }
            }
            float[] f = new float[sum.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) sum[i];
            }
            out.put(e.getKey(), f);
        }
        return new StateDict(out);
    }
}
