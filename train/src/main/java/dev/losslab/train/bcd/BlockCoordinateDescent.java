package dev.losslab.train.bcd;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Block coordinate descent with fixed blocks (paper 65, Nutini, Laradji and Schmidt, JMLR 2022,
 * spec 65; the official BlockCoordinateDescent code). Each iteration computes g = ∇f(x), selects a
 * block b and updates x_b only. Selection rules score the guaranteed progress of the matching
 * update: GS ‖g_b‖₂; GSL ‖g_b‖²/L_b; GSD Σ_{i∈b} g_i²/d_i; GSQ g_bᵀH_bb⁻¹g_b; or Random (uniform),
 * Cyclic, Lipschitz (P(b) ∝ L_b). Updates: LB x_b ← x_b − g_b/L_b (decrease ≥ ‖g_b‖²/2L_b);
 * DIAGONAL x_i ← x_i − g_i/d_i; HB x_b ← x_b − H_bb⁺g_b (pseudo-inverse as the code's {@code pinv};
 * the exact block minimiser for least squares). L_b = λ_max(H_bb), d_i = Σ_j |H_ij|. The spec's
 * bound forms of GS/GSL/GSD are used (the code's L1-sum scores agree for blocks of one coordinate).
 * Variable blocks and exact Newton steps are not included.
 */
public final class BlockCoordinateDescent {
    /** How the next block is chosen. */
    public enum Selection { RANDOM, CYCLIC, LIPSCHITZ, GS, GSL, GSD, GSQ }

    /** How the chosen block is updated. */
    public enum Update { LB, DIAGONAL, HB }

    private final SmoothObjective objective;
    private final List<int[]> blocks;
    private final Selection selection;
    private final Update update;
    private final Random rng;
    private final double[] blockL;
    private final double[] diagonal;
    private final DMatrixRMaj[] blockPinv;
    private int iteration;

    public BlockCoordinateDescent(SmoothObjective objective, List<int[]> blocks, Selection selection, Update update, Random rng) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blocks: need at least one block");
        }
        this.objective = objective;
        this.blocks = List.copyOf(blocks);
        this.selection = selection;
        this.update = update;
        this.rng = rng;
        double[][] h = objective.hessianBound();
        int p = objective.dimension();
        diagonal = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                diagonal[i] += Math.abs(h[i][j]);
            }
        }
        blockL = new double[blocks.size()];
        blockPinv = new DMatrixRMaj[blocks.size()];
        for (int k = 0; k < blocks.size(); k++) {
            DMatrixRMaj hb = block(h, blocks.get(k));
            blockL[k] = largestEigenvalue(hb);
            DMatrixRMaj inv = new DMatrixRMaj(hb.numRows, hb.numCols);
            CommonOps_DDRM.pinv(hb, inv);
            blockPinv[k] = inv;
        }
    }

    /** Consecutive blocks of {@code size} coordinates over [0, p) (the last may be shorter). */
    public static List<int[]> contiguous(int p, int size) {
        List<int[]> out = new java.util.ArrayList<>();
        for (int start = 0; start < p; start += size) {
            out.add(java.util.stream.IntStream.range(start, Math.min(p, start + size)).toArray());
        }
        return out;
    }

    private static DMatrixRMaj block(double[][] h, int[] b) {
        DMatrixRMaj m = new DMatrixRMaj(b.length, b.length);
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                m.set(i, j, h[b[i]][b[j]]);
            }
        }
        return m;
    }

    private static double largestEigenvalue(DMatrixRMaj m) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.numRows, false, true);
        if (!eig.decompose(m.copy())) {
            throw new IllegalStateException("eigendecomposition failed");
        }
        double max = 0;
        for (int i = 0; i < m.numRows; i++) {
            max = Math.max(max, eig.getEigenvalue(i).getReal());
        }
        return max;
    }

    /** The score of block k for the greedy rules at gradient g. */
    public double score(int k, double[] g) {
        int[] b = blocks.get(k);
        double sq = 0;
        for (int i : b) {
            sq += g[i] * g[i];
        }
        return switch (selection) {
            case GS -> Math.sqrt(sq);
            case GSL -> sq / blockL[k];
            case GSD -> {
                double s = 0;
                for (int i : b) {
                    s += g[i] * g[i] / diagonal[i];
                }
                yield s;
            }
            case GSQ -> {
                double s = 0;
                for (int i = 0; i < b.length; i++) {
                    for (int j = 0; j < b.length; j++) {
                        s += g[b[i]] * blockPinv[k].get(i, j) * g[b[j]];
                    }
                }
                yield s;
            }
            default -> throw new IllegalStateException(selection + " has no score");
        };
    }

    /** The block selected at gradient g. */
    public int select(double[] g) {
        int nb = blocks.size();
        switch (selection) {
            case RANDOM:
                return rng.nextInt(nb);
            case CYCLIC:
                return iteration % nb;
            case LIPSCHITZ: {
                double total = java.util.Arrays.stream(blockL).sum();
                double u = rng.nextDouble() * total;
                for (int k = 0; k < nb; k++) {
                    u -= blockL[k];
                    if (u <= 0) {
                        return k;
                    }
                }
                return nb - 1;
            }
            default: {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < nb; k++) {
                    double s = score(k, g);
                    if (s > bestScore) {
                        bestScore = s;
                        best = k;
                    }
                }
                return best;
            }
        }
    }

    /** One iteration on x (in place); returns the block updated. */
    public int step(double[] x) {
        double[] g = objective.gradient(x);
        int k = select(g);
        apply(x, g, k);
        iteration++;
        return k;
    }

    /** Applies the update rule to block k at gradient g. */
    public void apply(double[] x, double[] g, int k) {
        int[] b = blocks.get(k);
        switch (update) {
            case LB -> {
                for (int i : b) {
                    x[i] -= g[i] / blockL[k];
                }
            }
            case DIAGONAL -> {
                for (int i : b) {
                    x[i] -= g[i] / diagonal[i];
                }
            }
            case HB -> {
                double[] delta = new double[b.length];
                for (int i = 0; i < b.length; i++) {
                    for (int j = 0; j < b.length; j++) {
                        delta[i] += blockPinv[k].get(i, j) * g[b[j]];
                    }
                }
                for (int i = 0; i < b.length; i++) {
                    x[b[i]] -= delta[i];
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** L_b of block k. */
    public double blockLipschitz(int k) {
        return blockL[k];
    }
}
