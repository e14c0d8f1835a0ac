package dev.losslab.core.regression;

import dev.losslab.core.InvalidArgumentException;
import dev.losslab.core.registry.Param;
import dev.losslab.core.registry.Range;

/**
 * A histogram over [vMin, vMax] with {@code bins} equal bins (paper 64): edges
 * z_i = vMin + i·ς (i = 0..m), width ς = (vMax − vMin)/m, centres c_i = (z_i + z_{i+1})/2.
 */
public record HistogramSupport(double vMin, double vMax, int bins) {
    public static final Param V_MIN = Param.real("v_min", -10, Range.ANY, "lower end of the support");
    public static final Param V_MAX = Param.real("v_max", 10, Range.ANY, "upper end of the support");
    public static final Param BINS = Param.integer("bins", 51, Range.atLeast(2), "number of bins m");

    public HistogramSupport {
        checkInterval(vMin, vMax);
        BINS.check(bins);
    }

    /** Finite v_min &lt; v_max (shared with {@link TwoHot}'s atoms). */
    static void checkInterval(double vMin, double vMax) {
        V_MIN.check(vMin);
        V_MAX.check(vMax);
        if (!(vMin < vMax)) {
            throw new InvalidArgumentException("v_max", "need v_min < v_max, got [" + vMin + ", " + vMax + "]");
        }
    }

    public double width() {
        return (vMax - vMin) / bins;
    }

    public double[] edges() {
        double[] z = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            z[i] = vMin + i * width();
        }
        return z;
    }

    public double[] centres() {
        double[] c = new double[bins];
        for (int i = 0; i < bins; i++) {
            c[i] = vMin + (i + 0.5) * width();
        }
        return c;
    }
}
