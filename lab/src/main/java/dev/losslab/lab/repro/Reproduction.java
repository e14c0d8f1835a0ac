package dev.losslab.lab.repro;

/** One paper's central experiment, runnable at full or CI ("quick") size. */
public interface Reproduction {

    /** Two-digit paper number, e.g. {@code 04}. */
    String paper();

    /** Folder name after the number, e.g. {@code comp-sum-tau-sweep}. */
    String slug();

    String title();

    /** The claim being checked, in words. */
    String claim();

    /** Work units reported through {@link Progress}, for a progress bar. */
    int workUnits(ReproOptions options);

    ReproResult run(ReproOptions options, Progress progress);

    /** {@code NN-slug}. */
    default String id() {
        return paper() + "-" + slug();
    }
}
