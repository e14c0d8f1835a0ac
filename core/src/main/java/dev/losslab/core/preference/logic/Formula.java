package dev.losslab.core.preference.logic;

import java.util.stream.LongStream;

/**
 * A Boolean function of n ≤ 6 propositions as its truth table (paper 56's formulas over M(x, y)):
 * assignment k sets proposition v true iff bit v of k is 1, and bit k of {@code table} is the
 * function's value there. So there are 2^(2^n) formulas over n propositions.
 *
 * @param variables n
 * @param table the truth table, bits 0 … 2^n − 1
 */
public record Formula(int variables, long table) {

    public Formula {
        if (variables < 1 || variables > 6) {
            throw new IllegalArgumentException("formulas have 1 to 6 propositions, got " + variables);
        }
        table &= mask(variables);
    }

    private static long mask(int n) {
        int rows = 1 << n;
        return rows == 64 ? -1L : (1L << rows) - 1;
    }

    /** Proposition v itself. */
    public static Formula var(int v, int n) {
        long t = 0;
        for (int k = 0; k < 1 << n; k++) {
            t |= ((k >> v) & 1L) << k;
        }
        return new Formula(n, t);
    }

    public static Formula constant(boolean value, int n) {
        return new Formula(n, value ? mask(n) : 0);
    }

    /** Exactly one of the n propositions is true. */
    public static Formula exactlyOne(int n) {
        long t = 0;
        for (int k = 0; k < 1 << n; k++) {
            t |= (Integer.bitCount(k) == 1 ? 1L : 0L) << k;
        }
        return new Formula(n, t);
    }

    /** Every formula over n propositions, in table order (n ≤ 4: 65,536 at most). */
    public static LongStream allTables(int n) {
        if (n > 4) {
            throw new IllegalArgumentException("enumerating formulas is limited to 4 propositions");
        }
        return LongStream.range(0, 1L << (1 << n));
    }

    public Formula not() {
        return new Formula(variables, ~table);
    }

    public Formula and(Formula other) {
        return new Formula(variables, table & same(other).table);
    }

    public Formula or(Formula other) {
        return new Formula(variables, table | same(other).table);
    }

    /** The same formula with propositions i and j exchanged (the mirror of a preference). */
    public Formula swap(int i, int j) {
        long t = 0;
        for (int k = 0; k < 1 << variables; k++) {
            int bi = (k >> i) & 1;
            int bj = (k >> j) & 1;
            int swapped = (k & ~(1 << i) & ~(1 << j)) | (bi << j) | (bj << i);
            t |= (holdsAt(swapped) ? 1L : 0L) << k;
        }
        return new Formula(variables, t);
    }

    /** The formula's value under assignment k. */
    public boolean holdsAt(int assignment) {
        return ((table >> assignment) & 1L) == 1L;
    }

    public boolean isFalse() {
        return table == 0;
    }

    private Formula same(Formula other) {
        if (other.variables != variables) {
            throw new IllegalArgumentException("formulas over " + variables + " and " + other.variables + " propositions");
        }
        return other;
    }
}
