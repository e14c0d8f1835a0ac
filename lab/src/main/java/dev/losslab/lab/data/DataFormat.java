package dev.losslab.lab.data;

import java.nio.file.Path;
import java.util.Locale;

/** File formats the loaders read. */
public enum DataFormat {
    CSV,
    TSV,
    LIBSVM,
    IDX,
    ARFF;

    /** Guesses the format from the file name (ignoring a trailing {@code .gz}). */
    public static DataFormat guess(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (n.endsWith(".tsv") || n.endsWith(".tab")) {
            return TSV;
        }
        if (n.endsWith(".arff")) {
            return ARFF;
        }
        if (n.endsWith(".libsvm") || n.endsWith(".svm") || n.endsWith(".svmlight")) {
            return LIBSVM;
        }
        if (n.contains("idx3") || n.contains("idx1") || n.endsWith(".idx")) {
            return IDX;
        }
        return CSV;
    }
}
