package dev.losslab.train.bcd;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Block coordinate descent (paper 65, Nutini, Laradji and Schmidt, JMLR 2022, spec 65; the
 * official BlockCoordinateDescent code). Each iteration computes g = ∇f(x), selects a block b and
 * updates x_b only. Blocks are fixed ({@link #contiguous}, or {@link #sortedByLipschitz}: the code's
 * "Sort" partition) or variable ({@link #variableBlocks}: each iteration the τ coordinates with the
 * largest |g_i| (GS), |g_i|/√L_i (GSL) or |g_i|/√d_i (GSD), which maximise the matching separable
 * progress bound; spec 65 "Variable blocks"). Selection rules score the guaranteed progress of the matching
 * update: GS ‖g_b‖₂; GSL ‖g_b‖²/L_b; GSD Σ_{i∈b} g_i²/d_i; GSQ g_bᵀH_bb⁻¹g_b; or Random (uniform),
 * Cyclic, Lipschitz (P(b) ∝ L_b). Updates: LB x_b ← x_b − g_b/L_b (decrease ≥ ‖g_b‖²/2L_b);
 * DIAGONAL x_i ← x_i − g_i/d_i; HB x_b ← x_b − H_bb⁺g_b (pseudo-inverse as the code's {@code pinv};
 * the exact block minimiser for least squares); NEWTON x_b ← x_b + t·d with d = −∇²_bb f(x)⁺g_b,
 * the true block Hessian, and t the first of 1, ½, ¼, … (at most 50 halvings; no move if none)
 * with the Armijo condition f(x + t·d) ≤ f(x) + 10⁻⁴·t·g_bᵀd (spec 65's optional exact Newton; the
 * constants are LossLab's, the spec names none). L_b = λ_max(H_bb), d_i = Σ_j |H_ij|. The spec's
 * bound forms of GS/GSL/GSD are used (the code's L1-sum scores agree for blocks of one coordinate).
 * GSQ with variable blocks (NP-hard; the code approximates it) is not included.
 */
public final class BlockCoordinateDescent {
    /** How the next block is chosen. */
    public enum Selection { RANDOM, CYCLIC, LIPSCHITZ, GS, GSL, GSD, GSQ }

    /** How the chosen block is updated. */
    public enum Update { LB, DIAGONAL, HB, NEWTON }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_HALVINGS = 50;

    private final SmoothObjective objective;
    private final List<int[]> blocks;
    private final Selection selection;
    private final Update update;
    private final Random rng;
    private final double[] blockL;
    private final double[] diagonal;
    private final DMatrixRMaj[] blockPinv;
    private final double[][] h;
    private final int tau;
    private int iteration;

    /** Fixed blocks: each iteration selects one of {@code blocks} by {@code selection}. */
    public BlockCoordinateDescent(SmoothObjective objective, List<int[]> blocks, Selection selection, Update update, Random rng) {
        this(objective, blocks, 0, selection, update, rng);
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("blocks: need at least one block");
        }
    }

    /**
     * Variable blocks: each iteration updates the τ coordinates with the largest GS, GSL or GSD
     * coordinate score ({@code selection} must be one of these three; ties go to the lower index).
     */
    public static BlockCoordinateDescent variableBlocks(SmoothObjective objective, int tau, Selection selection, Update update) {
        if (tau < 1 || tau > objective.dimension()) {
            throw new IllegalArgumentException("tau: block size must be in [1, " + objective.dimension() + "], got " + tau);
        }
        if (selection != Selection.GS && selection != Selection.GSL && selection != Selection.GSD) {
            throw new IllegalArgumentException("selection: variable blocks take GS, GSL or GSD, got " + selection);
        }
        return new BlockCoordinateDescent(objective, List.of(), tau, selection, update, null);
    }

    private BlockCoordinateDescent(SmoothObjective objective, List<int[]> blocks, int tau, Selection selection, Update update, Random rng) {
        this.objective = objective;
        this.blocks = List.copyOf(blocks);
        this.tau = tau;
        this.selection = selection;
        this.update = update;
        this.rng = rng;
        h = objective.hessianBound();
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
            blockPinv[k] = pinv(hb);
        }
    }

    private static DMatrixRMaj pinv(DMatrixRMaj m) {
        DMatrixRMaj inv = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.pinv(m, inv);
        return inv;
    }

    /** The code's "Sort" partition: coordinates sorted by L_i = H_ii (ascending; ties by index), cut into consecutive blocks of {@code size}. */
    public static List<int[]> sortedByLipschitz(SmoothObjective objective, int size) {
        double[][] h = objective.hessianBound();
        Integer[] order = new Integer[objective.dimension()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> h[i][i]));
        List<int[]> out = new java.util.ArrayList<>();
        for (int[] range : contiguous(order.length, size)) {
            out.add(java.util.Arrays.stream(range).map(i -> order[i]).toArray());
        }
        return out;
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

    /** The τ coordinates with the largest coordinate score at g, in ascending order (variable blocks). */
    public int[] selectCoordinates(double[] g) {
        if (tau == 0) {
            throw new IllegalStateException("fixed blocks: use select");
        }
        Integer[] order = new Integer[g.length];
        double[] score = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            order[i] = i;
            double scale = switch (selection) {
                case GSL -> h[i][i];
                case GSD -> diagonal[i];
                default -> 1;
            };
            score[i] = Math.abs(g[i]) / Math.sqrt(scale);
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble((Integer i) -> -score[i]));
        int[] chosen = new int[tau];
        for (int j = 0; j < tau; j++) {
            chosen[j] = order[j];
        }
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** One iteration on x (in place); returns the coordinates updated. */
    public int[] step(double[] x) {
        double[] g = objective.gradient(x);
        int[] b;
        if (tau > 0) {
            b = selectCoordinates(g);
            apply(x, g, b, -1);
        } else {
            int k = select(g);
            b = blocks.get(k);
            apply(x, g, b, k);
        }
        iteration++;
        return b;
    }

    /** Applies the update rule to fixed block k at gradient g. */
    public void apply(double[] x, double[] g, int k) {
        apply(x, g, blocks.get(k), k);
    }

    /** The update of coordinates b at gradient g; k ≥ 0 is b's index among the fixed blocks (cached constants), −1 for a variable block. */
    private void apply(double[] x, double[] g, int[] b, int k) {
        switch (update) {
            case LB -> {
                double lb = k >= 0 ? blockL[k] : largestEigenvalue(block(h, b));
                for (int i : b) {
                    x[i] -= g[i] / lb;
                }
            }
            case DIAGONAL -> {
                for (int i : b) {
                    x[i] -= g[i] / diagonal[i];
                }
            }
            case HB -> {
                double[] d = newtonDirection(k >= 0 ? blockPinv[k] : pinv(block(h, b)), g, b);
                for (int i = 0; i < b.length; i++) {
                    x[b[i]] += d[i];
                }
            }
            case NEWTON -> newtonStep(x, g, b);
            default -> throw new IllegalStateException();
        }
    }

    /** d = −M·g_b. */
    private static double[] newtonDirection(DMatrixRMaj m, double[] g, int[] b) {
        double[] d = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                d[i] -= m.get(i, j) * g[b[j]];
            }
        }
        return d;
    }

    /** Exact block Newton with Armijo backtracking (see the class comment). */
    private void newtonStep(double[] x, double[] g, int[] b) {
        double[][] hess = objective.hessian(x, b);
        DMatrixRMaj hb = new DMatrixRMaj(hess);
        double[] d = newtonDirection(pinv(hb), g, b);
        double slope = 0;
        for (int i = 0; i < b.length; i++) {
            slope += g[b[i]] * d[i];
        }
        double f0 = objective.value(x);
        double[] trial = x.clone();
        double t = 1;
        for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++, t /= 2) {
            for (int i = 0; i < b.length; i++) {
                trial[b[i]] = x[b[i]] + t * d[i];
            }
            if (objective.value(trial) <= f0 + ARMIJO * t * slope) {
                for (int i : b) {
                    x[i] = trial[i];
                }
                return;
            }
        }
    }

    /** L_b of block k. */
    public double blockLipschitz(int k) {
        return blockL[k];
    }
}
