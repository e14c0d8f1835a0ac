package dev.losslab.lab.data;

import dev.losslab.train.TabularData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** LibSVM / SVMlight sparse text: {@code label index:value ...} with 1-based indices, densified. */
public final class LibSvmLoader {
    private LibSvmLoader() {}

    public static Dataset load(Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        List<int[]> indices = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int dim = 0;
        try (BufferedReader r = DataFiles.reader(file)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] parts = s.split("\\s+");
                labels.add(normalizeLabel(parts[0]));
                int[] idx = new int[parts.length - 1];
                float[] val = new float[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    int colon = parts[i].indexOf(':');
                    if (colon < 0) {
                        throw new IOException(file + ":" + lineNo + ": expected index:value, got '" + parts[i] + "'");
                    }
                    idx[i - 1] = Integer.parseInt(parts[i].substring(0, colon));
                    if (idx[i - 1] < 1) {
                        throw new IOException(file + ":" + lineNo + ": indices are 1-based, got " + idx[i - 1]);
                    }
                    val[i - 1] = Float.parseFloat(parts[i].substring(colon + 1));
                    dim = Math.max(dim, idx[i - 1]);
                }
                indices.add(idx);
                values.add(val);
            }
        }
        float[][] x = new float[labels.size()][dim];
        for (int i = 0; i < x.length; i++) {
            int[] idx = indices.get(i);
            for (int k = 0; k < idx.length; k++) {
                x[i][idx[k] - 1] = values.get(i)[k];
            }
        }
        List<String> classes = LabelIndex.classes(labels);
        return new Dataset(file.getFileName().toString(), new TabularData(x, LabelIndex.encode(labels, classes), classes.size()), classes, file.toString());
    }

    /** "+1" and "1" are the same class. */
    private static String normalizeLabel(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }
}
