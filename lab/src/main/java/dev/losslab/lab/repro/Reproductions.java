package dev.losslab.lab.repro;

import java.util.List;
import java.util.Optional;

/** Every reproduction, by paper number. */
public final class Reproductions {
    private Reproductions() {}

    public static List<Reproduction> all() {
        return List.of(new CompSumTauSweep(), new NaiveBayesVsLogistic(), new LdrNoisyLabels(), new EnsLossMnistPair(), new HybridMultiLabelSynthetic(), new FewShotDigits(), new SvmHeadSpambase(), new UtilityDuality(), new InfiniteDepthClassifiers(), new GrokkingCollapse(), new HlGaussRegression());
    }

    /** By number ("4", "04") or by id ("04-comp-sum-tau-sweep"). */
    public static Optional<Reproduction> find(String key) {
        String k = key.matches("\\d") ? "0" + key : key;
        return all().stream().filter(r -> r.paper().equals(k) || r.id().equals(k)).findFirst();
    }
}
