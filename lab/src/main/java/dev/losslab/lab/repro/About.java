package dev.losslab.lab.repro;

/**
 * Who a reproduction is, declared once per reproduction class.
 *
 * @param paper the catalog's paper number (1–99; shown as two digits)
 * @param slug folder name after the number, kebab-case, e.g. {@code comp-sum-tau-sweep}
 * @param title experiment title
 * @param claim the paper's claim being checked, in words
 * @param metric what the recorded values are, e.g. {@code test accuracy}
 * @param blocked why the paper's central experiment cannot be run ("" when it is run); a blocked
 *     reproduction runs only property checks, and reports say so
 */
public record About(int paper, String slug, String title, String claim, String metric, String blocked) {

    public About(int paper, String slug, String title, String claim, String metric) {
        this(paper, slug, title, claim, metric, "");
    }

    /** The same reproduction, marked as blocked for {@code reason}. */
    public About blockedBy(String reason) {
        return new About(paper, slug, title, claim, metric, reason);
    }

    public boolean isBlocked() {
        return !blocked.isEmpty();
    }

    public About {
        if (paper < 1 || paper > 99) {
            throw new IllegalArgumentException("paper numbers run from 1 to 99, got " + paper);
        }
        if (!slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("slugs are kebab-case: " + slug);
        }
    }

    /** The paper number as the catalog writes it, e.g. {@code 04}. */
    public String number() {
        return String.format("%02d", paper);
    }

    /** {@code NN-slug}, the report folder's name. */
    public String id() {
        return number() + "-" + slug;
    }
}
