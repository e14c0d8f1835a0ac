package dev.losslab.train.schedule;

import dev.losslab.core.registry.Component;
import dev.losslab.core.registry.Kind;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;
import dev.losslab.core.registry.Registered;
import java.util.Arrays;
import java.util.List;

/**
 * The refined schedule of paper 36 (Defazio et al. 2023, "When, Why and How Much?", spec 36; the
 * official {@code find_closed_form_schedule} and plotting script): from a previous run's per-step
 * gradient norms G₁..G_T, smoothed by a running median of odd width 2⌊⌊τ·T⌋/2⌋ + 1 (the end padded by
 * reflection, 'nearest' at the edges), weights v_t = Ĝ_t^{−2} (SGD; ‖g‖₂) or Ĝ_t^{−1} (Adam; ‖g‖₁)
 * give s_t = v_t·Σ_{p&gt;t} v_p (s_T = 0) and the multipliers m_t = s_t/max s; lr_k = base·m_k.
 * Constant norms give linear decay to 0; shrinking norms give a warm-up. When the new run's length
 * differs from the recorded one, the multipliers are linearly interpolated onto it (an extension:
 * the paper refines a run of the same length). {@code losslab train --grad-norms} writes a run's norms
 * to {@code grad-norms.txt}.
 */
public final class Refined extends StepSchedule {
    public static final Param NORMS = Param.reals("norms", List.of(), Range.greaterThan(0), "the previous run's gradient norms, one per update");
    public static final Param SMOOTHING = Param.real("smoothing", 0.1, Range.closedOpen(0, 1), "median-filter width as a fraction τ of the run");
    public static final Param VARIANT = Param.choice("variant", "sgd", List.of("sgd", "adam"), "sgd: v = Ĝ⁻² of L2 norms; adam: v = Ĝ⁻¹ of L1 norms");

    @Registered
    public static final Component<ScheduleFactory> COMPONENT = Component.declare("refined", Kind.SCHEDULE, "schedule").papers(36)
            .summary("refined schedule from a previous run's gradient norms: m_t ∝ Ĝ_t^{-p}·Σ_{s>t} Ĝ_s^{-p}, p = 2 (SGD) or 1 (Adam)")
            .params(NORMS, SMOOTHING, VARIANT)
            .build(p -> (lr, run) -> new Refined(lr, multipliers(p.reals(NORMS), p.real(SMOOTHING), p.choice(VARIANT).equals("adam")), run.totalUpdates()));

    private final double base;
    private final double[] multipliers;

    /** @param multipliers m_t from {@link #multipliers}, resampled to {@code totalSteps} when the lengths differ */
    public Refined(double base, double[] multipliers, int totalSteps) {
        this.base = base;
        this.multipliers = multipliers.length == totalSteps ? multipliers.clone() : resample(multipliers, totalSteps);
    }

    @Override
    double at(int k) {
        return base * multipliers[Math.min(k, multipliers.length - 1)];
    }

    /** The refined multipliers m (max 1, last 0) of recorded gradient norms. */
    public static double[] multipliers(double[] norms, double smoothing, boolean l1) {
        if (norms.length < 2) {
            throw new IllegalArgumentException("norms: need the gradient norms of at least 2 updates of a previous run, got " + norms.length);
        }
        for (double g : norms) {
            if (!(g > 0) || Double.isInfinite(g)) {
                throw new IllegalArgumentException("norms: gradient norms must be finite and > 0, found " + g);
            }
        }
        double[] smooth = medianFilter(norms, smoothing);
        int t = smooth.length;
        double[] v = new double[t];
        for (int i = 0; i < t; i++) {
            v[i] = l1 ? 1 / smooth[i] : 1 / (smooth[i] * smooth[i]);
        }
        double[] s = new double[t];
        double tail = 0;
        for (int i = t - 1; i >= 0; i--) {
            s[i] = v[i] * tail;
            tail += v[i];
        }
        double max = Arrays.stream(s).max().orElseThrow();
        for (int i = 0; i < t; i++) {
            s[i] /= max;
        }
        return s;
    }

    /**
     * The official smoothing: width w = 2⌊⌊τT⌋/2⌋ + 1; the end padded with 2w values by reflection
     * (without repeating the edge), a centred running median with 'nearest' boundaries, the padding dropped.
     */
    public static double[] medianFilter(double[] g, double fraction) {
        int t = g.length;
        int width = 2 * ((int) Math.floor(fraction * t) / 2) + 1;
        if (width == 1) {
            return g.clone();
        }
        int pad = 2 * width;
        double[] padded = new double[t + pad];
        System.arraycopy(g, 0, padded, 0, t);
        for (int i = 0; i < pad; i++) {
            padded[t + i] = g[reflect(t + i, t)];
        }
        double[] out = new double[t];
        int half = width / 2;
        double[] window = new double[width];
        for (int i = 0; i < t; i++) {
            for (int j = -half; j <= half; j++) {
                window[j + half] = padded[Math.max(0, Math.min(padded.length - 1, i + j))];
            }
            double[] sorted = window.clone();
            Arrays.sort(sorted);
            out[i] = sorted[half];
        }
        return out;
    }

    /** numpy's 'reflect' index for position i ≥ n of an array of length n (mirror without the edge). */
    private static int reflect(int i, int n) {
        int period = 2 * (n - 1);
        int r = i % period;
        return r < n ? r : period - r;
    }

    private static double[] resample(double[] m, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            double x = length == 1 ? 0 : (double) i * (m.length - 1) / (length - 1);
            int lo = (int) Math.floor(x);
            int hi = Math.min(m.length - 1, lo + 1);
            out[i] = m[lo] + (x - lo) * (m[hi] - m[lo]);
        }
        return out;
    }
}
