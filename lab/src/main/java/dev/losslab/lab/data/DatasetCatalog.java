package dev.losslab.lab.data;

import java.util.List;
import java.util.Optional;

/**
 * The public data sets LossLab knows: their place under a data root, their canonical public
 * address and sha256 (as listed in shared/datasets/README.md).
 */
public final class DatasetCatalog {
    private DatasetCatalog() {}

    /**
     * @param name short name for {@code losslab data fetch NAME}
     * @param files the files of this data set
     */
    public record Entry(String name, List<RemoteFile> files) {}

    /**
     * @param path relative path under a data root
     * @param url canonical public address
     * @param sha256 expected checksum of the bytes
     */
    public record RemoteFile(String path, String url, String sha256) {}

    private static final String SKLEARN = "https://raw.githubusercontent.com/scikit-learn/scikit-learn/1.9.1/sklearn/datasets/data/";
    private static final String PMLB = "https://github.com/EpistasisLab/pmlb/raw/0820182add20998ed3f88b30efd273107286c695/datasets/";

    public static final List<Entry> ENTRIES = List.of(
            new Entry("digits", List.of(new RemoteFile("sklearn/digits.csv.gz", SKLEARN + "digits.csv.gz",
                    "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"))),
            new Entry("iris", List.of(new RemoteFile("sklearn/iris.csv", SKLEARN + "iris.csv",
                    "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449"))),
            new Entry("wine", List.of(new RemoteFile("sklearn/wine_data.csv", SKLEARN + "wine_data.csv",
                    "10e8a802908b34f86e5da8ce962f3c806694bc98450a18f61851af59f324bede"))),
            new Entry("breast-cancer", List.of(new RemoteFile("sklearn/breast_cancer.csv", SKLEARN + "breast_cancer.csv",
                    "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed"))),
            new Entry("mnist-test", List.of(
                    new RemoteFile("mnist/t10k-images-idx3-ubyte.gz", "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz",
                            "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
                    new RemoteFile("mnist/t10k-labels-idx1-ubyte.gz", "https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz",
                            "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"))),
            new Entry("ionosphere", List.of(new RemoteFile("tabular/ionosphere.tsv.gz", PMLB + "ionosphere/ionosphere.tsv.gz",
                    "adb6fc877404f2b55f6d59fc7322265c733f5cf0ae6d7c2e52c3468733630023"))),
            new Entry("sonar", List.of(new RemoteFile("tabular/sonar.tsv.gz", PMLB + "sonar/sonar.tsv.gz",
                    "64378cabaecdb50e2e1e644c1d6bc359f0627ebe313870ad09e1e41ed972529b"))),
            new Entry("spambase", List.of(new RemoteFile("tabular/spambase.tsv.gz", PMLB + "spambase/spambase.tsv.gz",
                    "735e8d43f7ee78ac54ca17404510e95f4c8b364a721e4d9532a1b3221ed70961"))));

    public static Optional<Entry> get(String name) {
        return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
