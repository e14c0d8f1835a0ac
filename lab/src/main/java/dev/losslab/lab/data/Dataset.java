package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.util.List;

/**
 * A loaded data set with its provenance.
 *
 * @param name short name, e.g. {@code digits}
 * @param data features and labels
 * @param classNames label value of each class index, in index order
 * @param source where it came from: a file path, or {@code synthetic: ...} for a generated stand-in
 * @param inferred what the loader decided on its own, one sentence each (e.g. a text column
 *     one-hot encoded), for the user to see
 */
public record Dataset(String name, TabularData data, List<String> classNames, String source, List<String> inferred) {

    public Dataset(String name, TabularData data, List<String> classNames, String source) {
        this(name, data, classNames, source, List.of());
    }

    public boolean synthetic() {
        return source.startsWith("synthetic");
    }
}
