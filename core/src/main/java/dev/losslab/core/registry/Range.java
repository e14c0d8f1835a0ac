package dev.losslab.core.registry;

/** An interval of allowed real values; either end may be open or infinite. */
public record Range(double lo, boolean loOpen, double hi, boolean hiOpen) {
    public static final Range ANY = new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

    public static Range atLeast(double lo) {
        return new Range(lo, false, Double.POSITIVE_INFINITY, true);
    }

    public static Range greaterThan(double lo) {
        return new Range(lo, true, Double.POSITIVE_INFINITY, true);
    }

    public static Range closed(double lo, double hi) {
        return new Range(lo, false, hi, false);
    }

    public static Range open(double lo, double hi) {
        return new Range(lo, true, hi, true);
    }

    /** [lo, hi). */
    public static Range closedOpen(double lo, double hi) {
        return new Range(lo, false, hi, true);
    }

    public boolean contains(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean aboveLo = loOpen ? v > lo : v >= lo;
        boolean belowHi = hiOpen ? v < hi : v <= hi;
        return aboveLo && belowHi;
    }

    @Override
    public String toString() {
        return (loOpen ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + (hiOpen ? ")" : "]");
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
