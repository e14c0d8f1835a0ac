package dev.losslab.core.classification.robust;

import static dev.losslab.core.InputNames.LABELS;
import static dev.losslab.core.InputNames.LOGITS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.losslab.core.Checks;
import dev.losslab.core.HostArrays;
import dev.losslab.core.InputNames;
import dev.losslab.core.InputSpec;
import dev.losslab.core.Inputs;
import dev.losslab.core.Objective;
import dev.losslab.core.TrainingHook;
import dev.losslab.core.classification.ClassificationObjective;
import dev.losslab.core.classification.softmax.CompSum;
import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.HashMap;
import java.util.Map;

/**
 * Truncated generalized cross-entropy (Zhang and Sabuncu 2018) with the pruning schedule of paper
 * 09's official code: ℓ_i = mask_i·(1 − p_y^q)/q, where mask_i ∈ {0, 1} is kept per training
 * example (input {@code sample_ids}; without it every mask is 1).
 *
 * <p><b>Stateful.</b> Masks start at 1. In a pruning epoch ({@link #isPruningEpoch}) the training
 * loop makes no parameter update ({@link TrainingHook#updatesParameters}) and hands every batch's
 * logits to {@link #afterForward}, which resets mask_i = [p_y &gt; k] from the current model (a
 * pruned example can come back). Pruned examples
 * contribute 0 (not the constant L_q(k) of the original paper: same gradients, different value).
 */
public final class TruncatedGce extends ClassificationObjective implements TrainingHook {
    public static final Param Q = Param.real("q", 0.7, new Range(0, true, 1, false), "exponent q");
    public static final Param K = Param.real("k", 0.5, Range.closedOpen(0, 1), "truncation threshold on p_y");

    @Registered
    public static final Component<Objective> COMPONENT = Component.declare("tgce", Kind.LOSS, "classification")
            .papers(9).summary("truncated GCE mask_i·(1 − p_y^q)/q with the official pruning schedule (input sample_ids)").params(Q, K)
            .build(p -> new TruncatedGce(p.real(Q), p.real(K)));

    private final double q;
    private final double k;
    private final Map<Long, Boolean> kept = new HashMap<>();

    /**
     * @param q exponent in (0, 1]
     * @param k truncation threshold on p_y, in [0, 1)
     */
    public TruncatedGce(double q, double k) {
        super(COMPONENT.name(), new InputSpec(InputNames.SAMPLE_IDS, "[N] training-example ids", false, true));
        this.q = Q.check(q);
        this.k = K.check(k);
    }

    /**
     * The official rule: with 0-based epoch e of T, epoch e prunes iff (e + 1) mod 10 = 0 and
     * e &gt; ⌊T/2⌋ (T = 100: e = 59, 69, 79, 89, 99).
     */
    public static boolean isPruningEpoch(int epoch, int totalEpochs) {
        return (epoch + 1) % 10 == 0 && epoch > totalEpochs / 2;
    }

    /** Whether an example currently counts (true if never pruned). */
    public boolean isKept(long sampleId) {
        return kept.getOrDefault(sampleId, true);
    }

    /** Resets the masks of {@code ids} to [p_y &gt; k], from host logits [B, K] of the current model. */
    public void prune(int[] ids, float[][] logits, int[] labels) {
        for (int i = 0; i < ids.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[i]) {
                max = Math.max(max, v);
            }
            double z = 0;
            for (float v : logits[i]) {
                z += Math.exp(v - max);
            }
            double py = Math.exp(logits[i][labels[i]] - max) / z;
            kept.put((long) ids[i], py > k);
        }
    }

    /** No update in a pruning epoch. */
    @Override
    public boolean updatesParameters(int epoch, int totalEpochs) {
        return !isPruningEpoch(epoch, totalEpochs);
    }

    /** In a pruning epoch, the batch's masks from its logits, labels and sample ids. */
    @Override
    public void afterForward(int epoch, int totalEpochs, Inputs inputs) {
        if (!isPruningEpoch(epoch, totalEpochs) || !inputs.has(InputNames.SAMPLE_IDS)) {
            return;
        }
        float[] flat = inputs.get(LOGITS).toType(DataType.FLOAT32, false).toFloatArray();
        int n = (int) inputs.get(LOGITS).getShape().get(0);
        int c = flat.length / n;
        float[][] logits = new float[n][];
        for (int i = 0; i < n; i++) {
            logits[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        long[] ids = inputs.get(InputNames.SAMPLE_IDS).toType(DataType.INT64, false).toLongArray();
        long[] labels = inputs.get(LABELS).toType(DataType.INT64, false).toLongArray();
        int[] intIds = new int[n];
        int[] intLabels = new int[n];
        for (int i = 0; i < n; i++) {
            intIds[i] = Math.toIntExact(ids[i]);
            intLabels[i] = Math.toIntExact(labels[i]);
        }
        prune(intIds, logits, intLabels);
    }

    @Override
    protected NDArray perSample(NDArray logits, NDArray labels, Inputs inputs) {
        NDArray gce = CompSum.values(logits, labels, 1 + q);
        if (!inputs.has(InputNames.SAMPLE_IDS)) {
            return gce;
        }
        long[] ids = Checks.integers(InputNames.SAMPLE_IDS, inputs.get(InputNames.SAMPLE_IDS), logits.getShape().get(0)).toLongArray();
        double[] mask = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = isKept(ids[i]) ? 1 : 0;
        }
        return gce.mul(HostArrays.float64(logits.getManager(), mask).toType(logits.getDataType(), false));
    }
}
