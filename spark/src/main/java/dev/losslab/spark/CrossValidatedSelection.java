package dev.losslab.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each loss's settings chosen by cross-validation: for every data set, noise setting and loss, the
 * configuration (every parameter but seed and fold) with the best mean validation accuracy among
 * those whose runs all finished. Validation accuracy is measured on held-out folds of the (noisy)
 * training rows, so the choice never looks at the test rows.
 */
public final class CrossValidatedSelection {
    /**
     * One configuration's runs.
     *
     * @param example one of its grid points (its parameters)
     * @param validation validation accuracy of each finished run
     * @param test test accuracy of each finished run
     * @param diverged runs whose loss went non-finite
     * @param failed runs that ended without a result
     */
    public record Summary(GridPoint example, double[] validation, double[] test, int diverged, int failed) {
        public double meanValidation() {
            return SweepReport.mean(validation);
        }

        public double meanTest() {
            return SweepReport.mean(test);
        }

        boolean selectable() {
            return !Double.isNaN(meanValidation()) && diverged + failed == 0;
        }
    }

    private final Map<String, Summary> configurations;
    private final Map<String, Map<String, Map<String, Summary>>> chosen = new LinkedHashMap<>(); // data → loss → noise
    private final Set<String> noises = new LinkedHashSet<>();

    private CrossValidatedSelection(Map<String, Summary> configurations) {
        this.configurations = configurations;
        for (Summary s : configurations.values()) {
            if (!s.selectable()) {
                continue;
            }
            GridPoint p = s.example();
            noises.add(p.noise());
            Map<String, Summary> perNoise = chosen.computeIfAbsent(p.data(), k -> new LinkedHashMap<>()).computeIfAbsent(p.loss(), k -> new LinkedHashMap<>());
            Summary current = perNoise.get(p.noise());
            if (current == null || s.meanValidation() > current.meanValidation()) {
                perNoise.put(p.noise(), s);
            }
        }
    }

    /** Groups {@code rows} by configuration and selects. */
    public static CrossValidatedSelection of(List<RunResult> rows) {
        Map<String, List<RunResult>> byConfig = new LinkedHashMap<>();
        for (RunResult r : rows) {
            byConfig.computeIfAbsent(r.point().configuration(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Summary> summaries = new LinkedHashMap<>();
        byConfig.forEach((k, runs) -> summaries.put(k, summarise(runs)));
        return new CrossValidatedSelection(summaries);
    }

    /** Every configuration, keyed by {@link GridPoint#configuration()}, in grid order. */
    public Map<String, Summary> configurations() {
        return configurations;
    }

    /** The selected configurations: data set → loss → noise setting. */
    public Map<String, Map<String, Map<String, Summary>>> chosen() {
        return chosen;
    }

    /** The noise settings with at least one selectable configuration, in grid order. */
    public List<String> noises() {
        return List.copyOf(noises);
    }

    /** The configuration selected for {@code loss} under {@code noise} on {@code data}, if any of its configurations finished. */
    public Optional<Summary> selected(String data, String loss, String noise) {
        return Optional.ofNullable(chosen.getOrDefault(data, Map.of()).getOrDefault(loss, Map.of()).get(noise));
    }

    private static Summary summarise(List<RunResult> runs) {
        List<Double> validation = new ArrayList<>();
        List<Double> test = new ArrayList<>();
        int diverged = 0;
        int failed = 0;
        for (RunResult r : runs) {
            if (RunResult.OK.equals(r.status())) {
                validation.add(r.validationAccuracy());
                test.add(r.testAccuracy());
            } else if (RunResult.DIVERGED.equals(r.status())) {
                diverged++;
            } else {
                failed++;
            }
        }
        return new Summary(runs.get(0).point(), validation.stream().mapToDouble(Double::doubleValue).toArray(),
                test.stream().mapToDouble(Double::doubleValue).toArray(), diverged, failed);
    }
}
