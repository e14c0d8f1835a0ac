package dev.losslab.lab.data;

import java.io.IOException;
import java.nio.file.Path;

/** Loads a classification data set in any supported format. */
public final class DataLoaders {
    private DataLoaders() {}

    /**
     * @param format the file format, or null to guess it from the name
     * @param labelColumn label column name or index (CSV/TSV/ARFF); null for the last column
     */
    public static Dataset load(Path file, DataFormat format, String labelColumn) throws IOException {
        DataFormat f = format == null ? DataFormat.guess(file) : format;
        switch (f) {
            case CSV:
                return DelimitedLoader.load(file, ',', labelColumn);
            case TSV:
                return DelimitedLoader.load(file, '\t', labelColumn);
            case LIBSVM:
                return LibSvmLoader.load(file);
            case IDX:
                return IdxLoader.load(file);
            default:
                return ArffLoader.load(file, labelColumn);
        }
    }
}
