package dev.losslab.core.preference;

/**
 * The gradient-entanglement diagnostic of paper 50 (Yuan et al. 2024, spec 50). For a margin loss
 * ℓ(c_w·log π(y_w) − c_l·log π(y_l)) with ℓ′ &lt; 0 (DPO, IPO, SLiC, CPO: c_w = c_l = β; SimPO:
 * c = β/|y|) and the parameter gradients g_w = ∇log π(y_w), g_l = ∇log π(y_l), one gradient step of
 * size η with d = −ℓ′ changes the log-probabilities to first order by
 * Δlog π(y_w) ≈ η·d·(c_w‖g_w‖² − c_l⟨g_w, g_l⟩) and Δlog π(y_l) ≈ η·d·(c_w⟨g_w, g_l⟩ − c_l‖g_l‖²):
 * the chosen rises iff ⟨g_w, g_l⟩ &lt; (c_w/c_l)‖g_w‖², the rejected falls iff
 * ⟨g_w, g_l⟩ &lt; (c_l/c_w)‖g_l‖². The entanglement score ⟨g_w, g_l⟩/min(‖g_w‖², ‖g_l‖²) exceeds 1
 * exactly when one of the two fails for c_w = c_l.
 *
 * @param inner ⟨g_w, g_l⟩
 * @param chosenNorm2 ‖g_w‖²
 * @param rejectedNorm2 ‖g_l‖²
 * @param cosine cos(g_w, g_l)
 * @param chosenChange Δlog π(y_w)/(η·d), first order
 * @param rejectedChange Δlog π(y_l)/(η·d), first order
 */
public record GradientEntanglement(double inner, double chosenNorm2, double rejectedNorm2, double cosine, double chosenChange,
        double rejectedChange) {

    /** The diagnosis for gradients {@code gw}, {@code gl} (flattened over all parameters) and coefficients c_w, c_l &gt; 0. */
    public static GradientEntanglement of(double[] gw, double[] gl, double cw, double cl) {
        if (gw.length != gl.length) {
            throw new IllegalArgumentException("gradients of " + gw.length + " and " + gl.length + " parameters");
        }
        if (!(cw > 0 && cl > 0)) {
            throw new IllegalArgumentException("coefficients must be positive, got " + cw + " and " + cl);
        }
        double inner = dot(gw, gl);
        double nw = dot(gw, gw);
        double nl = dot(gl, gl);
        return new GradientEntanglement(inner, nw, nl, inner / Math.sqrt(nw * nl), cw * nw - cl * inner, cw * inner - cl * nl);
    }

    public boolean chosenRises() {
        return chosenChange > 0;
    }

    public boolean rejectedFalls() {
        return rejectedChange < 0;
    }

    /** ⟨g_w, g_l⟩/min(‖g_w‖², ‖g_l‖²); above 1 one of the conditions fails for c_w = c_l. */
    public double score() {
        return inner / Math.min(chosenNorm2, rejectedNorm2);
    }

    /**
     * The pair-normalised ascent direction u = g_w/‖g_w‖ − g_l/‖g_l‖ (spec 50's mitigation): to first
     * order it changes log π(y_w) by η·d·‖g_w‖·(1 − cos) ≥ 0 and log π(y_l) by η·d·‖g_l‖·(cos − 1) ≤ 0.
     */
    public static double[] pairNormalizedDirection(double[] gw, double[] gl) {
        double nw = Math.sqrt(dot(gw, gw));
        double nl = Math.sqrt(dot(gl, gl));
        double[] u = new double[gw.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = gw[i] / nw - gl[i] / nl;
        }
        return u;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
