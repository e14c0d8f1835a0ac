package dev.losslab.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.losslab.core.classification.binary.BinaryMarginLoss;
import dev.losslab.core.classification.robust.ActivePassive;
import dev.losslab.core.classification.robust.JensenShannon;
import dev.losslab.core.classification.robust.ProbabilityMse;
import dev.losslab.core.classification.robust.SymmetricCrossEntropy;
import dev.losslab.core.classification.robust.TruncatedGce;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.classification.softmax.CrossEntropy;
import dev.losslab.core.classification.softmax.Focal;
import dev.losslab.core.classification.softmax.LabelSmoothing;
import dev.losslab.core.multilabel.WeightedBce;
import java.util.function.ToDoubleBiFunction;
import org.junit.jupiter.api.Test;

/**
 * Precision for confident samples: every loss whose value vanishes as the margin grows agrees to
 * 1e-6 relative with an independent float64 reference (closed forms in {@link Math#log1p} and
 * {@link Math#expm1}) for margins 5 to 700 and at ±1e4 logits, wherever the true value is a
 * normal double. Before the log-odds form, cross-entropy at margin 30 was off by 1e-3 and every
 * such loss returned exactly 0 from margin 37 on.
 */
class ConfidentSamplesTest {
    static final double[] MARGINS = {5, 20, 30, 40, 100, 700};
    static final double REL = 1e-6;

    /** Rows [m, 0, 0] (label 0) for every margin, and the ±1e4 rows with each label. */
    static double[][] rows() {
        double[][] r = new double[MARGINS.length + 3][];
        for (int i = 0; i < MARGINS.length; i++) {
            r[i] = new double[] {MARGINS[i], 0, 0};
        }
        r[MARGINS.length] = new double[] {1e4, -1e4, 0};
        r[MARGINS.length + 1] = new double[] {-1e4, 1e4, 0};
        r[MARGINS.length + 2] = new double[] {0, -1e4, 1e4};
        return r;
    }

    static int[] labels(int n) {
        int[] y = new int[n];
        y[n - 2] = 1;
        y[n - 1] = 2;
        return y;
    }

    /** Reference quantities of one row, in float64 without cancellation. */
    record Row(double[] z, int y) {
        /** a = log Σ_{k≠y} e^{z_k} − z_y. */
        double a() {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                if (k != y) {
                    m = Math.max(m, z[k]);
                }
            }
            double s = 0;
            for (int k = 0; k < z.length; k++) {
                if (k != y) {
                    s += Math.exp(z[k] - m);
                }
            }
            return Math.log(s) + m - z[y];
        }

        /** −log p_y = softplus(a). */
        double nll() {
            return softplus(a());
        }

        /** 1 − p_y = σ(a). */
        double u() {
            return sigmoid(a());
        }

        double logP(int k) {
            double m = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                m = Math.max(m, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - m);
            }
            return k == y ? -nll() : z[k] - m - Math.log(s);
        }
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x < 0 ? Math.exp(x) / (1 + Math.exp(x)) : 1 / (1 + Math.exp(-x));
    }

    static void check(Objective o, ToDoubleBiFunction<double[], Integer> reference) {
        double[][] z = rows();
        int[] y = labels(z.length);
        double[] per = Evaluation.of(o, z, y).perSample();
        for (int i = 0; i < z.length; i++) {
            double expected = reference.applyAsDouble(z[i], y[i]);
            if (Math.abs(expected) < Double.MIN_NORMAL) {
                assertTrue(Math.abs(per[i]) < Double.MIN_NORMAL, o.name() + " row " + i + ": expected ~0, got " + per[i]);
                continue;
            }
            double rel = Math.abs(per[i] - expected) / Math.abs(expected);
            assertTrue(rel <= REL, o.name() + " row " + java.util.Arrays.toString(z[i]) + " label " + y[i] + ": expected " + expected + ", got " + per[i] + " (relative error " + rel + ")");
        }
    }

    @Test
    void crossEntropyFamily() {
        check(new CrossEntropy(), (z, y) -> new Row(z, y).nll());
        checkLabelGradient(new CrossEntropy(), (z, y) -> -new Row(z, y).u());
        checkLabelGradient(new CompSum(0.5), (z, y) -> -Math.exp(0.5 * new Row(z, y).nll()) * new Row(z, y).u());
        checkLabelGradient(new Focal(2), (z, y) -> {
            Row r = new Row(z, y);
            double u = r.u();
            double py = sigmoid(-r.a());
            return -u * u * (2 * py * r.nll() + u);
        });
        check(new LabelSmoothing(0.1), (z, y) -> {
            Row r = new Row(z, y);
            double uniform = 0;
            for (int k = 0; k < z.length; k++) {
                uniform -= r.logP(k) / z.length;
            }
            return 0.9 * r.nll() + 0.1 * uniform;
        });
        check(new Focal(2), (z, y) -> Math.pow(new Row(z, y).u(), 2) * new Row(z, y).nll());
        for (double tau : new double[] {0, 0.5, 1.5, 1.7, 2}) {
            check(new CompSum(tau), (z, y) -> Math.expm1((1 - tau) * new Row(z, y).nll()) / (1 - tau));
        }
        check(new TruncatedGce(0.7, 0.5), (z, y) -> -Math.expm1(-0.7 * new Row(z, y).nll()) / 0.7);
        check(new SymmetricCrossEntropy(0.5), (z, y) -> 0.5 * new Row(z, y).nll() + 2 * new Row(z, y).u());
    }

    @Test
    void probabilityLosses() {
        check(new ProbabilityMse(), (z, y) -> {
            Row r = new Row(z, y);
            double s = r.u() * r.u();
            for (int k = 0; k < z.length; k++) {
                if (k != y) {
                    s += Math.exp(2 * r.logP(k));
                }
            }
            return s;
        });
        check(new ActivePassive(ActivePassive.Passive.AGCE, 1, 3, 1.5), (z, y) -> {
            Row r = new Row(z, y);
            return nce(r) + 9 * -Math.pow(4, 1.5) * Math.expm1(1.5 * Math.log1p(-r.u() / 4)) / 1.5;
        });
        check(new ActivePassive(ActivePassive.Passive.AUL, 1, 6, 1.5), (z, y) -> {
            Row r = new Row(z, y);
            return nce(r) + 9 * Math.pow(5, 1.5) * Math.expm1(1.5 * Math.log1p(r.u() / 5)) / 1.5;
        });
        check(new JensenShannon(0.5), (z, y) -> {
            Row r = new Row(z, y);
            double eps = 1e-7;
            double u = r.u();
            double logMy = Math.log1p(-0.5 * u);
            // the label's share; for small u its terms cancel to π1π2u²/2 + π2(1 − π2²)u³/6 (series by hand)
            double label = u < 1e-4 ? 0.125 * u * u + 0.0625 * u * u * u : -0.5 * logMy + 0.5 * (1 - u) * (-r.nll() - logMy);
            double others = 0;
            for (int k = 0; k < z.length; k++) {
                double pk = Math.exp(r.logP(k));
                if (k != y && pk > 0) {
                    others += pk * (Math.log(Math.max(pk, eps)) - Math.log(Math.min(1, Math.max(eps, 0.5 * pk))));
                }
            }
            return (label + 0.5 * others) * (-1 / (0.5 * Math.log(0.5)));
        });
    }

    /** d(Σ ℓ)/dz_y per row against its reference (the gradient of the label entry). */
    static void checkLabelGradient(Objective o, ToDoubleBiFunction<double[], Integer> reference) {
        double[][] z = rows();
        int[] y = labels(z.length);
        double[][] grad = Evaluation.of(o, z, y).grad();
        for (int i = 0; i < z.length; i++) {
            assertRelative(o.name() + " gradient row " + java.util.Arrays.toString(z[i]) + " label " + y[i],
                    reference.applyAsDouble(z[i], y[i]), grad[i][y[i]] * z.length);
        }
    }

    /** Losses whose confident value does not vanish, or vanishes exactly: still their float64 reference. */
    @Test
    void nonVanishingAndMarginLosses() {
        check(new dev.losslab.core.classification.robust.LdrKl(2, 0.1, dev.losslab.core.classification.robust.ScoreNormalization.NONE), (z, y) -> {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < z.length; k++) {
                m = Math.max(m, ((k == y ? 0 : 0.1) + z[k] - z[y]) / 2);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) {
                sum += Math.exp(((k == y ? 0 : 0.1) + z[k] - z[y]) / 2 - m);
            }
            return 2 * (m + Math.log(sum) - Math.log(z.length));
        });
        check(new dev.losslab.core.classification.softmax.StableMaxCrossEntropy(), (z, y) -> {
            double total = 0;
            for (double v : z) {
                total += v >= 0 ? v + 1 : 1 / (1 - v);
            }
            double sy = z[y] >= 0 ? z[y] + 1 : 1 / (1 - z[y]);
            return Math.log1p((total - sy) / sy);
        });
        check(new dev.losslab.core.classification.margin.CrammerSingerHinge(1), (z, y) -> {
            double worst = 0;
            for (int k = 0; k < z.length; k++) {
                worst = k == y ? worst : Math.max(worst, 1 + z[k] - z[y]);
            }
            return worst;
        });
        check(new ActivePassive(ActivePassive.Passive.RCE, 1, 0, 0), (z, y) -> {
            Row r = new Row(z, y);
            double rce = 0;
            for (int k = 0; k < z.length; k++) {
                rce += k == y ? 0 : Math.min(1, Math.max(1e-7, Math.exp(r.logP(k))));
            }
            return nce(r) + 9 * -Math.log(1e-4) * rce;
        });
    }

    static double nce(Row r) {
        double sum = 0;
        for (int k = 0; k < r.z().length; k++) {
            sum += r.logP(k);
        }
        return -r.nll() / sum;
    }

    /** Binary margin losses on scores f with label 1 (margin f): value and gradient. */
    @Test
    void binaryLosses() {
        double[] f = {5, 20, 30, 40, 100, 700, 1e4, -1e4, -21, -25, 0};
        double g = 2;
        checkBinary(new BinaryMarginLoss(BinaryMarginLoss.Kind.LOGISTIC), f, m -> softplus(-m), m -> -sigmoid(-m));
        checkBinary(new BinaryMarginLoss(BinaryMarginLoss.Kind.FOCAL, g), f,
                m -> softplus(-m) * Math.exp(-g * softplus(m)),
                m -> Math.exp(-g * softplus(m)) * (-sigmoid(-m) - g * sigmoid(m) * softplus(-m)));
        checkBinary(new BinaryMarginLoss(BinaryMarginLoss.Kind.EXPONENTIAL), new double[] {5, 20, 40, 100, 700},
                m -> Math.exp(-m), m -> -Math.exp(-m));
        // past the cap (margin < −50) value and gradient saturate instead of the gradient vanishing
        checkBinary(new BinaryMarginLoss(BinaryMarginLoss.Kind.EXPONENTIAL), new double[] {-60, -1e4},
                m -> Math.exp(CompSum.EXPONENT_CAP), m -> -Math.exp(CompSum.EXPONENT_CAP));
    }

    /** weighted-bce on [m, −m] with targets [1, 0]: both entries are confident. */
    @Test
    void weightedBce() {
        for (double m : MARGINS) {
            try (NDManager nd = NDManager.newBaseManager()) {
                NDArray o = nd.create(new double[][] {{m, -m}});
                NDArray t = nd.create(new double[][] {{1, 0}});
                double got = new WeightedBce(3).perSample(Inputs.of("logits", o, "targets", t)).getDouble(0);
                double expected = (3 * softplus(-m) + softplus(-m)) / 2;
                assertTrue(Math.abs(got - expected) <= REL * expected, "weighted-bce margin " + m + ": expected " + expected + ", got " + got);
            }
        }
    }

    static void checkBinary(Objective o, double[] f, java.util.function.DoubleUnaryOperator value, java.util.function.DoubleUnaryOperator grad) {
        for (double m : f) {
            try (NDManager nd = NDManager.newBaseManager()) {
                NDArray x = nd.create(new double[] {m});
                x.setRequiresGradient(true);
                double got;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray per = o.perSample(Inputs.of("logits", x, "labels", nd.create(new int[] {1})));
                    got = per.getDouble(0);
                    gc.backward(per.mean());
                }
                assertRelative(o.name() + " value at margin " + m, value.applyAsDouble(m), got);
                assertRelative(o.name() + " gradient at margin " + m, grad.applyAsDouble(m), x.getGradient().getDouble(0));
            }
        }
    }

    /** The wrong side past PyTorch's softplus threshold (20) keeps its e^−m tail: 21 + 7.6e-10, not 21. */
    @Test
    void softplusKeepsItsTailPastTwenty() {
        for (double x : new double[] {20.5, 21, 25, 30}) {
            try (NDManager nd = NDManager.newBaseManager()) {
                double got = Tensors.softplus(nd.create(new double[] {x})).getDouble(0);
                assertTrue(Math.abs(got - softplus(x)) <= 1e-15 * x, "softplus(" + x + ") = " + got + ", expected " + softplus(x));
            }
        }
    }

    static void assertRelative(String what, double expected, double actual) {
        if (Math.abs(expected) < Double.MIN_NORMAL) {
            assertTrue(Math.abs(actual) < Double.MIN_NORMAL, what + ": expected ~0, got " + actual);
            return;
        }
        double rel = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(rel <= REL, what + ": expected " + expected + ", got " + actual + " (relative error " + rel + ")");
    }
}
