package dev.losslab.train;

/** Rows of a host table picked by sample ids: a batch's slice of per-sample data. */
public final class Rows {
    private Rows() {}

    /** {@code table[ids[i]]} for each i (the rows are shared, not copied). */
    public static float[][] of(float[][] table, int[] ids) {
        float[][] out = new float[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            out[i] = table[ids[i]];
        }
        return out;
    }

    /** {@code values[ids[i]]} for each i. */
    public static float[] of(float[] values, int[] ids) {
        float[] out = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = values[ids[i]];
        }
        return out;
    }
}
