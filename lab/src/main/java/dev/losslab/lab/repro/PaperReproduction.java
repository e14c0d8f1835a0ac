package dev.losslab.lab.repro;

/** A reproduction with its {@link About} given once, at construction. */
public abstract class PaperReproduction implements Reproduction {
    private final About about;

    protected PaperReproduction(About about) {
        this.about = about;
    }

    @Override
    public final About about() {
        return about;
    }

    /** Starts recording a run over the requested seeds ({@code defaultSeeds} when none are given). */
    protected final Findings start(ReproOptions options, int defaultSeeds, Progress progress) {
        return start(options, options.seedList(defaultSeeds), progress);
    }

    /** Starts recording a run over the given seeds. */
    protected final Findings start(ReproOptions options, int[] seeds, Progress progress) {
        return new Findings(about, options.quick() && hasQuickProtocol(), seeds, progress);
    }
}
