package dev.losslab.core.regression;

import dev.losslab.core.InvalidArgumentException;

/**
 * A histogram over [vMin, vMax] with {@code bins} equal bins (paper 64): edges
 * z_i = vMin + i·ς (i = 0..m), width ς = (vMax − vMin)/m, centres c_i = (z_i + z_{i+1})/2.
 */
public record HistogramSupport(double vMin, double vMax, int bins) {

    public HistogramSupport {
        if (!(Double.isFinite(vMin) && Double.isFinite(vMax) && vMin < vMax)) {
            throw new InvalidArgumentException("v_max", "need finite v_min < v_max, got [" + vMin + ", " + vMax + "]");
        }
        if (bins < 2) {
            throw new InvalidArgumentException("bins", "need at least 2, got " + bins);
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
