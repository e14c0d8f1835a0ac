package dev.losslab.core.classification.binary;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.HostArrays;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * EnsLoss (paper 13, Dai, ICML 2025; the official {@code ensLoss.forward}): at every call it draws
 * random loss <em>derivatives</em> that are convex and classification-calibrated on the batch and
 * returns the surrogate ℓ_i = sg(g_i)·z_i, whose gradient is g_i·∂z_i. For margins z = y·f:
 * <ol>
 *   <li>ξ_i ~ N(0, 1); d_i = −BC⁻¹(ξ_i) with the inverse Box-Cox BC⁻¹(ξ) = e^ξ (lambda = 0) or
 *       max(1 + lambda·ξ, 0)^{1/lambda} (may be +∞ for lambda &lt; 0);
 *   <li>d sorted ascending and clipped: d ← max(d, −1);
 *   <li>rank matching: the k-th smallest d goes to the k-th smallest margin (stable sort), so g is
 *       non-decreasing in z;
 *   <li>g_i ← g_i / z_i where z_i &gt; 1; then g_i ← g_i − 1e-6 (strictly negative).
 * </ol>
 * The value of the surrogate is not a loss value (it can be negative); monitor {@code logistic}.
 *
 * <p><b>Stateful.</b> The random source advances at every call; it is seeded ({@code seed}) or
 * injected ({@link #EnsLoss(double, IntFunction)}) for tests.
 */
public final class EnsLoss extends BinaryObjective {
    public static final Param LAMBDA = Param.real("lambda", 0, Range.ANY, "Box-Cox parameter of the derivative draws");
    public static final Param SEED = Param.integer("seed", 0, Range.atLeast(0), "seed of the random source");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("ensloss", Kind.LOSS, "classification")
            .papers(13).summary("EnsLoss: random calibrated loss-derivatives per batch, surrogate sg(g)·y·f").params(LAMBDA, SEED)
            .build(p -> new EnsLoss(p.real(LAMBDA), p.integer(SEED)));

    private final double lambda;
    private final IntFunction<double[]> normals;

    /**
     * @param lambda Box-Cox parameter (0: log-normal derivatives)
     * @param seed seed of the standard-normal draws
     */
    public EnsLoss(double lambda, long seed) {
        this(lambda, gaussian(new Random(seed)));
    }

    /** @param normals supplies n standard-normal draws per call */
    public EnsLoss(double lambda, IntFunction<double[]> normals) {
        super(COMPONENT.name());
        this.lambda = LAMBDA.check(lambda);
        this.normals = normals;
    }

    private static IntFunction<double[]> gaussian(Random r) {
        return n -> {
            double[] xi = new double[n];
            for (int i = 0; i < n; i++) {
                xi[i] = r.nextGaussian();
            }
            return xi;
        };
    }

    /** The derivatives g for margins z and draws ξ (steps 1–4), in the order of z. */
    public static double[] derivatives(double[] z, double[] xi, double lambda) {
        int n = z.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            double inv = lambda == 0 ? Math.exp(xi[i]) : Math.pow(Math.max(1 + lambda * xi[i], 0), 1 / lambda);
            d[i] = Math.max(-inv, -1);
        }
        Arrays.sort(d);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> z[i]));
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            int i = order[k];
            g[i] = (z[i] > 1 ? d[k] / z[i] : d[k]) - 1e-6;
        }
        return g;
    }

    @Override
    protected NDArray perSample(NDArray z, Inputs inputs) {
        double[] zs = z.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] g = derivatives(zs, normals.apply(zs.length), lambda);
        return z.mul(HostArrays.float64(z.getManager(), g).toType(z.getDataType(), false));
    }
}
