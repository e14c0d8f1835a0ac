package dev.losslab.train;

/**
 * PCGrad's projection of one gradient against another (Yu et al. 2020), as DHKD's gradient
 * alignment uses it (paper 01, spec 01, the official {@code OptimGradAlign}): when the secondary
 * gradient g_s conflicts with the primary g_p (⟨g_s, g_p⟩ &lt; 0), its component along g_p is
 * removed, g_s ← g_s − (⟨g_s, g_p⟩/‖g_p‖²)·g_p, so that ⟨g_s, g_p⟩ = 0 afterwards; otherwise
 * g_s is kept. g_p is never changed.
 */
public final class GradientAlignment {
    private GradientAlignment() {}

    /** Projects {@code secondary} in place; returns whether it was changed. */
    public static boolean project(double[] secondary, double[] primary) {
        if (secondary.length != primary.length) {
            throw new IllegalArgumentException("secondary has " + secondary.length + " entries, primary " + primary.length);
        }
        double dot = 0;
        double norm2 = 0;
        for (int i = 0; i < primary.length; i++) {
            dot += secondary[i] * primary[i];
            norm2 += primary[i] * primary[i];
        }
        if (dot >= 0 || norm2 == 0) {
            return false;
        }
        double c = dot / norm2;
        for (int i = 0; i < primary.length; i++) {
            secondary[i] -= c * primary[i];
        }
        return true;
    }
}
