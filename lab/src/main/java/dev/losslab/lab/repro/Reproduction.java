package dev.losslab.lab.repro;

/**
 * One paper's central experiment, runnable at full or CI ("quick") size. Each implementation
 * declares itself as a {@code @Registered public static final Reproduction REPRODUCTION} field,
 * which {@link Reproductions} discovers; its {@link #run} records into a {@link Findings}.
 */
public interface Reproduction {

    About about();

    /** Work units reported through {@link Progress}, for a progress bar. */
    int workUnits(ReproOptions options);

    ReproResult run(ReproOptions options, Progress progress);

    /** Whether {@code --quick} selects a smaller protocol; when not, a quick run is the full run and is reported as such. */
    default boolean hasQuickProtocol() {
        return true;
    }

    /** {@code NN-slug}. */
    default String id() {
        return about().id();
    }
}
