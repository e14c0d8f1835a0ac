package dev.losslab.train.averaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spec 45's softmax-regression "models" (W 2 × 3, b 3) and validation set, with accuracy and NLL of a state dict. */
final class SoupFixture {
    static final double[][] XV = {{1.0, 0.2}, {0.8, -0.4}, {-0.2, 1.0}, {-0.6, 0.7}, {-0.5, -0.8}, {0.1, -1.0}, {0.6, 0.6}, {-0.9, 0.1}};
    static final int[] YV = {0, 0, 1, 1, 2, 2, 0, 1};
    static final List<StateDict> MODELS = List.of(
            model(new float[] {2.0732f, -0.2381f, -0.4421f, -1.1181f, 0.8336f, -1.2129f}, new float[] {-0.0165f, -0.1254f, -0.0088f}),
            model(new float[] {1.5894f, -1.1606f, -1.2110f, -0.1234f, 1.8917f, -0.8580f}, new float[] {-0.2048f, -0.1426f, 0.1250f}),
            model(new float[] {0.9037f, -0.9613f, -0.6380f, 0.4470f, 2.1857f, -1.7465f}, new float[] {-0.1253f, -0.1608f, -0.4838f}),
            model(new float[] {-0.5f, 1.2f, -0.7f, 1.5f, -0.8f, -0.7f}, new float[] {0, 0, 0}));

    private SoupFixture() {}

    static StateDict model(float[] w, float[] b) {
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("W", w);
        t.put("b", b);
        return new StateDict(t);
    }

    static double[] logits(StateDict m, double[] x) {
        float[] w = m.tensors().get("W");
        float[] b = m.tensors().get("b");
        double[] z = new double[3];
        for (int c = 0; c < 3; c++) {
            z[c] = b[c] + x[0] * w[c] + x[1] * w[3 + c];
        }
        return z;
    }

    static double accuracy(StateDict m) {
        int right = 0;
        for (int i = 0; i < XV.length; i++) {
            double[] z = logits(m, XV[i]);
            int arg = 0;
            for (int c = 1; c < 3; c++) {
                if (z[c] > z[arg]) {
                    arg = c;
                }
            }
            right += arg == YV[i] ? 1 : 0;
        }
        return (double) right / XV.length;
    }

    static double nll(StateDict m) {
        double s = 0;
        for (int i = 0; i < XV.length; i++) {
            double[] z = logits(m, XV[i]);
            double max = Math.max(z[0], Math.max(z[1], z[2]));
            double lse = max + Math.log(Math.exp(z[0] - max) + Math.exp(z[1] - max) + Math.exp(z[2] - max));
            s += lse - z[YV[i]];
        }
        return s / XV.length;
    }
}
