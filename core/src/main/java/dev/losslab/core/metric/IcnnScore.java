package dev.losslab.core.metric;

import static dev.losslab.core.InputNames.EMBEDDINGS;
import static dev.losslab.core.InputNames.LABELS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.AbstractObjective;
import dev.losslab.core.Checks;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.Objective;
import dev.losslab.core.Scalars;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The ICNN class-separability loss of paper 16 (official {@code modified_score}, O = T): for
 * embeddings {@code embeddings} [N, E] with {@code labels} [N], L = −log score, where
 * score = (λ + γ)/2 ∈ (0, 1]:
 * <ol>
 *   <li>if k + 2 ≥ N then k ← N − 2; ipc defaults to k + 1; eps = 1e-7;
 *   <li>each point's ipc nearest other points by d(a, b) = sqrt(‖a − b‖² + 1e-6) (stable order) give
 *       distances D [N, ipc], same-class mask SC and DC = 1 − SC;
 *   <li>nn_dc_i = min_j {D_ij : DC_ij = 1} (∞ if none); ND = D/(nn_dc + eps) on the first k columns,
 *       each row divided by max(1, row max);
 *   <li>sclamb = 1 − [Σ_i (Σ_j ND_ij SC_ij)/(Σ_j SC_ij + eps)]/(#rows with Σ_j SC_ij &gt; 0 + eps);
 *   <li>DCND = (D·DC)/(max(D·DC) + eps), dcop = −1 if DC is all zero else 0,
 *       dclamb = |[Σ_i (Σ_j DCND_ij)/(Σ_j DC_ij + eps)]/(#rows with Σ_j DC_ij &gt; 0 + eps) + dcop|;
 *   <li>λ = (sclamb + dclamb)/2; γ = mean_i Σ_{j≤k} SC_ij/k if k + 2 &lt; N else 1.
 * </ol>
 * Neighbour indices are constants; gradients flow through the distances. A set-level loss: every
 * per-sample value is L, so the mean is L.
 */
public final class IcnnScore extends AbstractObjective {
    private static final double EPS = 1e-7;

    public static final Param K = Param.integer("k", 4, Range.atLeast(1), "neighbours scored by ICNN");
    public static final Param IPC = Param.integer("ipc", 0, Range.atLeast(0), "neighbours retrieved per point; 0 = k + 1");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("icnn", Kind.LOSS, "metric")
            .papers(16).summary("ICNN class-separability loss −log((λ + γ)/2) (inputs embeddings [N, E], labels [N])").params(K, IPC)
            .build(p -> new IcnnScore(p.integer(K), p.integer(IPC)));

    private final int k;
    private final int ipc;

    /**
     * @param k neighbours scored, ≥ 1 (official 4)
     * @param ipc neighbours retrieved per point, or 0 for k + 1 (fullicnn uses shots + queries)
     */
    public IcnnScore(int k, int ipc) {
        super(COMPONENT.name(), List.of(InputSpec.trained(EMBEDDINGS, "[N, E]"), InputSpec.target(LABELS, "[N] class labels")));
        this.k = K.check(k);
        this.ipc = IPC.check(ipc);
    }

    @Override
    protected NDArray evaluate(Inputs inputs) {
        NDArray z = inputs.get(EMBEDDINGS);
        Checks.matrix(EMBEDDINGS, z, 1);
        NDArray labels = inputs.get(LABELS);
        Checks.vector(LABELS, labels, z.getShape().get(0));
        Checks.finite(LABELS, labels);
        NDArray loss = score(z, labels.toType(DataType.INT64, false).toLongArray(), k, ipc).log().neg();
        return loss.broadcast(z.getShape().get(0));
    }

    /** The modified ICNN score (a scalar) of embeddings {@code z} [N, E] with labels. */
    public static NDArray score(NDArray z, long[] labels, int kParam, int ipcParam) {
        int n = (int) z.getShape().get(0);
        if (n < 3) {
            throw new InvalidArgumentException(EMBEDDINGS, "the ICNN score needs at least 3 points, got " + n);
        }
        int k = kParam + 2 >= n ? n - 2 : kParam;
        int ipc = Math.min(ipcParam == 0 ? k + 1 : ipcParam, n - 1);
        NDManager m = z.getManager();
        NDArray dAll = Episode.distances(z, z);
        double[] host = dAll.toType(DataType.FLOAT64, false).toDoubleArray();
        long[][] idx = new long[n][ipc];
        double[][] sc = new double[n][ipc];
        for (int i = 0; i < n; i++) {
            final int row = i;
            Integer[] order = new Integer[n];
            for (int j = 0; j < n; j++) {
                order[j] = j;
            }
            Arrays.sort(order, Comparator.comparingDouble(j -> host[row * n + j]));
            for (int j = 0; j < ipc; j++) {
                idx[i][j] = order[j + 1];
                sc[i][j] = labels[order[j + 1]] == labels[i] ? 1 : 0;
            }
        }
        DataType t = z.getDataType();
        NDArray d = dAll.gather(HostArrays.int64(m, idx), 1);
        NDArray same = HostArrays.float64(m, sc).toType(t, false);
        NDArray diff = same.neg().add(1);
        NDArray nnDc = d.add(Scalars.mul(same, 1e30)).min(new int[] {-1}, true);
        String firstK = ":, :" + k;
        NDArray nd = d.div(nnDc.add(EPS)).get(firstK);
        nd = nd.div(Scalars.max(nd.max(new int[] {-1}, true), 1));
        NDArray scK = same.get(firstK);
        NDArray dcK = diff.get(firstK);
        NDArray scRows = scK.sum(new int[] {-1});
        double scValid = scRows.gt(0).toType(DataType.FLOAT64, false).sum().getDouble();
        NDArray sclamb = Scalars.div(nd.mul(scK).sum(new int[] {-1}).div(scRows.add(EPS)).sum(), scValid + EPS).neg().add(1);
        NDArray dd = d.mul(diff).get(firstK);
        NDArray dcnd = dd.div(dd.max().add(EPS));
        NDArray dcRows = dcK.sum(new int[] {-1});
        double dcValid = dcRows.gt(0).toType(DataType.FLOAT64, false).sum().getDouble();
        double dcop = dcValid == 0 ? -1 : 0;
        NDArray dclamb = Scalars.div(dcnd.sum(new int[] {-1}).div(dcRows.add(EPS)).sum(), dcValid + EPS).add(dcop).abs();
        double gamma = 1;
        if (k + 2 < n) {
            double s = 0;
            for (double[] row : sc) {
                for (int j = 0; j < k; j++) {
                    s += row[j];
                }
            }
            gamma = s / k / n;
        }
        return Scalars.div(Scalars.div(sclamb.add(dclamb), 2).add(gamma), 2);
    }
}
