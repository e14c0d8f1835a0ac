package dev.losslab.lab.repro;

import dev.losslab.lab.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * What a running reproduction has found: its data source, per-seed values by configuration,
 * checks, table, plots and notes. Created when the run starts (the clock starts with it) and closed
 * by {@link #result()}, so a reproduction holds only its protocol and its checks.
 */
public final class Findings {
    private final About about;
    private final boolean quick;
    private final int[] seeds;
    private final Progress progress;
    private final long start = System.nanoTime();
    private String dataset = "";
    private boolean synthetic;
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Plot> plots = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();

    /**
     * @param quick the run used the smaller, CI-sized protocol
     * @param seeds the seeds every configuration is measured over
     */
    public Findings(About about, boolean quick, int[] seeds, Progress progress) {
        this.about = about;
        this.quick = quick;
        this.seeds = seeds.clone();
        this.progress = progress;
    }

    public int[] seeds() {
        return seeds.clone();
    }

    /** The data the run uses: a real data set or its named synthetic stand-in. */
    public Findings data(Dataset d) {
        return data(d.source(), d.synthetic());
    }

    /** The data the run uses, by description. */
    public Findings data(String source, boolean isSyntheticStandIn) {
        this.dataset = source;
        this.synthetic = isSyntheticStandIn;
        return this;
    }

    /** Runs {@code run} once per seed, one progress step each; records and returns the values under {@code key}. */
    public double[] measure(String key, IntToDoubleFunction run) {
        double[] v = new double[seeds.length];
        for (int s = 0; s < seeds.length; s++) {
            v[s] = run.applyAsDouble(seeds[s]);
            progress.step(key);
        }
        values.put(key, v);
        return v;
    }

    /** Records the value of seed number {@code seedIndex} under {@code key} (for loops that measure several keys per seed). */
    public void record(String key, int seedIndex, double value) {
        values.computeIfAbsent(key, k -> new double[seeds.length])[seedIndex] = value;
    }

    /** Records a configuration's per-seed values at once. */
    public void record(String key, double[] perSeed) {
        values.put(key, perSeed.clone());
    }

    /** One finished work unit. */
    public void step(String message) {
        progress.step(message);
    }

    public double[] values(String key) {
        double[] v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("nothing recorded under '" + key + "'");
        }
        return v.clone();
    }

    /** Mean over seeds of the values under {@code key}. */
    public double mean(String key) {
        return Stats.mean(values(key));
    }

    public void check(Check c) {
        checks.add(c);
    }

    public void note(String text) {
        notes.add(text);
    }

    public void plot(Plot p) {
        plots.add(p);
    }

    /** Appends markdown to the report's table section. */
    public void table(Object markdown) {
        table.append(markdown);
    }

    public boolean synthetic() {
        return synthetic;
    }

    public ReproResult result() {
        return new ReproResult(about, dataset, synthetic, quick, seeds, values, checks, table.toString(), plots, notes, (System.nanoTime() - start) / 1e9);
    }
}
