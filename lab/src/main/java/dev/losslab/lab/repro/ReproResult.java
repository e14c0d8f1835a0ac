package dev.losslab.lab.repro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reproduction measured and whether the claim held; built by {@link Findings#result()}.
 *
 * @param about paper, slug, title, claim and metric
 * @param dataset data-set name and source (a path, or "synthetic: ..." for the stand-in)
 * @param synthetic true when the stand-in was used
 * @param quick CI-sized protocol
 * @param seeds the seeds used
 * @param values configuration → one value per seed
 * @param checks the asserted inequalities (thresholds are calibrated per data source)
 * @param table a markdown table for the report
 * @param plots charts for the report
 * @param notes protocol and deviations, in words
 * @param seconds wall-clock time
 */
public record ReproResult(
        About about, String dataset, boolean synthetic, boolean quick, int[] seeds, Map<String, double[]> values, List<Check> checks, String table,
        List<Plot> plots, List<String> notes, double seconds) {

    public ReproResult {
        values = new LinkedHashMap<>(values);
        checks = List.copyOf(checks);
        plots = List.copyOf(plots);
        notes = List.copyOf(notes);
    }

    /** Every evaluated check holds and at least one was evaluated; checks not evaluated are listed in the report, not counted as passed. */
    public boolean holds() {
        return checks.stream().anyMatch(Check::evaluated) && checks.stream().filter(Check::evaluated).allMatch(Check::holds);
    }

    /** "holds", "does not hold", or for a blocked paper "blocked (properties only; they hold)" / "blocked (properties only; one fails)". */
    public String verdict() {
        if (about.isBlocked()) {
            return "blocked (properties only; " + (holds() ? "they hold)" : "one fails)");
        }
        return holds() ? "holds" : "does not hold";
    }

    public String id() {
        return about.id();
    }

    /** A configuration's key in {@link #values}: its parts joined by " | ". */
    public static String key(Object... parts) {
        return java.util.Arrays.stream(parts).map(String::valueOf).collect(java.util.stream.Collectors.joining(" | "));
    }

    /** Mean of a configuration's per-seed values. */
    public double mean(String config) {
        return Stats.mean(values.get(config));
    }
}
